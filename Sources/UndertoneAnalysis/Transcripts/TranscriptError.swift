/// Why a transcript or call-metadata file could not be read. Its `description` is one line naming the file and the reason.
public struct TranscriptError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file the error is about.
    public var file: String
    /// A short reason, without the file.
    public var reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
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
