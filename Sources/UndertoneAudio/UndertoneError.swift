/// The one shape of every error the Undertone library throws about its inputs.
///
/// Each layer has its own error type (``AudioError``, and in the analysis modules `TranscriptError`, `RubricError`,
/// `LexiconError`, `ChannelSetupError`); all conform to this protocol, so a front end handles them in one place:
/// ``input`` says which input is at fault (a server's form field), ``problem`` what is wrong with it (a server's
/// status code), and ``description`` is one line naming the input and the reason.
///
///     catch let error as any UndertoneError {
///         respond(status: error.problem == .tooLarge ? 413 : 422, field: error.input, message: error.description)
///     }
public protocol UndertoneError: Error, Sendable, CustomStringConvertible {
    /// Which input the error is about.
    var input: UndertoneInput { get }
    /// What is wrong with it.
    var problem: UndertoneProblem { get }
}

/// The inputs of an analysis, as ``UndertoneError/input`` names them.
public enum UndertoneInput: String, Sendable, CaseIterable {
    /// The call's audio (a file, bytes or a live stream).
    case audio
    /// The call's transcript.
    case transcript
    /// The call's metadata (agent and customer names, company, free fields).
    case metadata
    /// A rubric template.
    case rubric
    /// The sentiment lexicon the library ships with.
    case lexicon
    /// The caller's parameters: which channel is which party, rates, thresholds.
    case options
}

/// What is wrong with an input, as ``UndertoneError/problem`` names it.
public enum UndertoneProblem: String, Sendable, CaseIterable {
    /// Nothing at the path.
    case notFound
    /// There, but it cannot be read (permissions, a directory, a device).
    case unreadable
    /// No bytes at all.
    case empty
    /// Larger than the library accepts.
    case tooLarge
    /// A format or codec the library does not read.
    case unsupportedFormat
    /// A format it reads, but the content is damaged or inconsistent (cut short, bad syntax, bad values).
    case malformed
    /// A parameter out of range, or parties that do not fit the audio.
    case invalidParameter
}
