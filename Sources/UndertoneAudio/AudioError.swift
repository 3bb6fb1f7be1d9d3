/// Why audio could not be read or decoded.
///
/// Its `description` is one line naming the file (or stream) and the reason, ready for stderr:
///
///     calls/0042.wav: data chunk declares 960000 bytes but only 41210 are present (file cut short?)
public struct AudioError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure, for callers that branch on it (tests, the server's status codes).
    public enum Kind: String, Sendable, Equatable {
        /// No file at the path.
        case notFound
        /// The file exists but cannot be opened for reading (permissions, or not a regular file).
        case unreadable
        /// The path names a directory.
        case isDirectory
        /// The file has no bytes.
        case empty
        /// The header or the audio data ends before it says it does.
        case truncated
        /// Not an audio format libsndfile recognises.
        case unrecognisedFormat
        /// A known container holding a codec that cannot be decoded.
        case unsupportedCodec
        /// The header declares zero channels.
        case noChannels
        /// More channels than the caller can assign roles to without being told which two to use.
        case tooManyChannels
        /// A sample rate outside what a recording can plausibly have.
        case absurdSampleRate
        /// The codec failed part-way through (corrupt data, a bad packet).
        case decodingFailed
        /// A caller-supplied parameter is out of range (channel index, rate, frame size).
        case invalidParameter
        /// The header declares a length the file's contents contradict (less audio than the file holds).
        case lengthMismatch
        /// More audio than the configured longest call (``AnalysisAudioReader/maxSeconds``).
        case tooLong
    }

    public var kind: Kind
    /// The file or stream the error is about.
    public var source: String
    /// A short reason, without the source.
    public var reason: String

    public init(_ kind: Kind, source: String, reason: String) {
        self.kind = kind
        self.source = source
        self.reason = reason
    }

    /// `source: reason`, on one line.
    public var description: String { "\(source): \(reason)" }
}

extension AudioError: UndertoneError {
    public var input: UndertoneInput { kind == .invalidParameter || kind == .tooManyChannels ? .options : .audio }

    public var problem: UndertoneProblem {
        switch kind {
        case .notFound: .notFound
        case .unreadable, .isDirectory: .unreadable
        case .empty: .empty
        case .unrecognisedFormat, .unsupportedCodec: .unsupportedFormat
        case .truncated, .noChannels, .absurdSampleRate, .decodingFailed, .lengthMismatch: .malformed
        case .tooLong: .tooLarge
        case .tooManyChannels, .invalidParameter: .invalidParameter
        }
    }
}
