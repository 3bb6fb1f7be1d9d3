/// Why audio could not be read. Its `description` is one line naming the file and the reason.
public struct AudioError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        case notFound, unreadable, isDirectory, empty, truncated, unrecognisedFormat, unsupportedCodec
        case noChannels, tooManyChannels, absurdSampleRate, decodingFailed, invalidParameter
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

    public var description: String { "\(source): \(reason)" }
}
