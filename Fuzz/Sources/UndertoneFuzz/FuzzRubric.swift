import Foundation
import UndertoneAnalysis

/// Any bytes as a rubric template (YAML), and every template that parses evaluated on a small fixed call: parsing,
/// pattern compilation and matching must stay within their budgets and never trap.
enum FuzzRubric {
    static func run(_ input: UnsafeBufferPointer<UInt8>) {
        guard let yaml = String(bytes: input, encoding: .utf8) else { return }
        do throws(RubricError) {
            let template = try RubricTemplate.parse(yaml: yaml, source: "fuzz")
            _ = RubricEvaluator.evaluate(template, in: context)
        } catch {
            precondition(!error.description.contains("\n"), "multi-line error")
        }
    }

    /// The call every template is evaluated on, built once.
    static let context = RubricContext(
        words: ["Good", "morning,", "thank", "you", "for", "calling", "Acme,", "my", "name", "is", "Dana.", "aaaa", "a",
                "a"].enumerated().map { index, text in
            Word(speaker: index < 11 ? "agent" : "customer", channel: index < 11 ? 0 : 1, start: Double(index) * 0.4,
                 end: Double(index) * 0.4 + 0.3, text: text, role: index < 11 ? .agent : .customer)
        },
        metadata: CallMetadata(agentName: "Dana", customerName: "Sam", company: "Acme"), duration: 10)
}
