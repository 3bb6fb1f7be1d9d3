public import UndertoneAudio

/// A rubric template that could not be read: the file, the line when known, and what is wrong.
///
/// `description` is the one line a QA lead sees, e.g. `empathy.yaml:14: unknown key 'wihtin' in said (expected one of: …)`.
public struct RubricError: UndertoneError, Equatable {
    /// The template file's name (or the `source` given to `RubricTemplate.parse`).
    public var file: String
    /// 1-based line of the offending YAML node, nil when the problem is not tied to a line (e.g. an unreadable file).
    public var line: Int?
    /// What is wrong, in plain words.
    public var reason: String

    public init(file: String, line: Int?, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    public var input: UndertoneInput { .rubric }
    /// Unreadable when the file could not be read (no line), malformed otherwise.
    public var problem: UndertoneProblem { line == nil && reason.hasPrefix("cannot read") ? .unreadable : .malformed }

    /// One line even when the reason quotes a multi-line YAML value (found by FuzzRubric).
    public var description: String {
        let reason = reason.split(whereSeparator: \.isNewline).joined(separator: " ")
        return if let line { "\(file):\(line): \(reason)" } else { "\(file): \(reason)" }
    }
}
