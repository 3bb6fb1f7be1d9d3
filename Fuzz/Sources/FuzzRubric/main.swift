import Foundation
import LibFuzzerDriver
import UndertoneAnalysis

// Any bytes as a rubric template (YAML), and every template that parses evaluated on a small fixed call: parsing,
// pattern compilation and matching must stay within their budgets and never trap.
let words = ["Good", "morning,", "thank", "you", "for", "calling", "Acme,", "my", "name", "is", "Dana.", "aaaa", "a", "a"]
    .enumerated().map { index, text in
        Word(speaker: index < 11 ? "agent" : "customer", channel: index < 11 ? 0 : 1, start: Double(index) * 0.4,
             end: Double(index) * 0.4 + 0.3, text: text, role: index < 11 ? .agent : .customer)
    }
let context = RubricContext(
    words: words, metadata: CallMetadata(agentName: "Dana", customerName: "Sam", company: "Acme"), duration: 10)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let yaml = String(bytes: UnsafeBufferPointer(start: data, count: size), encoding: .utf8) else { return 0 }
    do throws(RubricError) {
        let template = try RubricTemplate.parse(yaml: yaml, source: "fuzz")
        _ = RubricEvaluator.evaluate(template, in: context)
    } catch {
        precondition(!error.description.contains("\n"), "multi-line error")
    }
    return 0
}

// The debug build's entry (see LibFuzzerDriver); in this file, so that `fuzz` has one C symbol.
@_cdecl("FuzzRubric_main")
func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runLibFuzzer(argc, argv, fuzz)
}
