public import UndertoneAudio

/// Why a transcript or call metadata could not be read. Its `description` is one line naming the file (or the
/// source name given with the bytes) and the reason.
public struct TranscriptError: UndertoneError, Equatable {
    /// The file the error is about.
    public var file: String
    /// A short reason, without the file.
    public var reason: String
    /// ``UndertoneInput/transcript`` or ``UndertoneInput/metadata``.
    public var input: UndertoneInput
    public var problem: UndertoneProblem

    public init(file: String, reason: String, input: UndertoneInput = .transcript, problem: UndertoneProblem = .malformed) {
        self.file = file
        self.reason = reason
        self.input = input
        self.problem = problem
    }

    /// One line even when the reason quotes the file's content.
    public var description: String { "\(file): " + reason.split(whereSeparator: \.isNewline).joined(separator: " ") }
}

/// A parser's complaint about its input, before the reader adds the file name.
struct TranscriptParseFailure: Error {
    var reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}
