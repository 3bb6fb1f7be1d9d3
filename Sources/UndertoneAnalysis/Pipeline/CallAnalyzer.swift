import Foundation

/// Analyzes one finished call: decoding, frames, conversation, transcript, sentiment, rubrics and moments.
public enum CallAnalyzer {
    /// Analyzes `input` and returns its report.
    public static func analyze(_ input: CallInput, options: AnalysisOptions) throws -> CallReport {
        throw AnalysisError(source: input.audio.path, reason: "analysis pipeline not assembled yet")
    }
}

/// Why a call could not be analyzed: one line naming the file and the reason.
public struct AnalysisError: Error, Sendable, CustomStringConvertible {
    public var source: String
    public var reason: String

    public init(source: String, reason: String) {
        self.source = source
        self.reason = reason
    }

    public var description: String { "\(source): \(reason)" }
}
