import Foundation
import Testing

/// Issue 16, rubric templates: numbers are bounded and patterns run within a matching budget.
@Suite struct HostileRubricTests {
    static func template(_ check: String) -> String {
        "template: hostile\ncriteria:\n  - id: probe\n    check:\n" + check
    }

    @Test func numbersOutOfRangeAreTemplateErrors() throws {
        let inputs = try HostileInputs("rubric-numbers")
        defer { inputs.remove() }
        let audio = try inputs.shortStereoWAV("call.wav")
        let cases = [
            ("within.yaml", "      said:\n        phrases: [hello]\n        within: 1e308\n", "a time must be between 0"),
            ("negative.yaml", "      said:\n        phrases: [hello]\n        within: -5\n", "a time must be between 0"),
            ("first.yaml", "      firstWord:\n        by: agent\n        within: -1\n", "a time must be between 0"),
            ("metric.yaml", "      metric:\n        name: holdCount\n        atMost: -1\n", "is never negative"),
            ("weight.yaml", "      said:\n        phrases: [hello]\n", "weight must be at most 1000"),
        ]
        for (name, check, reason) in cases {
            var text = Self.template(check)
            if name == "weight.yaml" { text = text.replacingOccurrences(of: "  - id: probe\n", with: "  - id: probe\n    weight: 1e308\n") }
            let path = try inputs.write(name, text: text)
            try ChildRun.run(["analyze", audio, "--template", path]).expectRejected(naming: path, reason)
        }
    }

    @Test func catastrophicPatternsAreTemplateErrors() throws {
        let inputs = try HostileInputs("rubric-regex")
        defer { inputs.remove() }
        let audio = try inputs.shortStereoWAV("call.wav")
        for pattern in ["(a+)+$", "(a|a)*$", "(.*a){25}"] {
            let path = try inputs.write("evil.yaml", text: Self.template("      said:\n        patterns: ['\(pattern)']\n"))
            try ChildRun.run(["analyze", audio, "--template", path]).expectRejected(naming: path, "matching budget")
        }
    }

    /// A pattern the load-time probe lets through still costs a bounded time on a long transcript: the criterion
    /// is reported not applicable, naming the budget, and the call is analyzed.
    @Test func budgetHoldsOnLongTranscripts() throws {
        let inputs = try HostileInputs("rubric-budget")
        defer { inputs.remove() }
        let audio = try inputs.shortStereoWAV("call.wav")
        let words = (0..<5000).map { #"{"speaker":"agent","channel":0,"start":\#(Double($0) * 0.0003),"end":\#(Double($0) * 0.0003 + 0.0002),"text":"a"}"# }
        let transcript = try inputs.write("t.json", text: #"{"format":"undertone","words":["# + words.joined(separator: ",") + "]}")
        // Passes the load-time probe (its letters "ia " never repeat into a match) but backtracks exponentially on
        // "a a a … a", which it cannot match.
        let path = try inputs.write("slow.yaml", text: Self.template("      said:\n        patterns: ['(((?i)a )+)+$']\n"))
        let run = try ChildRun.run(["analyze", audio, "--transcript", transcript, "--template", path])
        #expect(!run.timedOut)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("exceeds the matching budget"))
        #expect(run.cpuSeconds <= 5, "\(run.cpuSeconds) s")
    }
}

extension HostileRubricTests {
    /// Found by FuzzRubric: a pattern written as a multi-line YAML string made the error message span lines.
    @Test func multiLinePatternErrorIsOneLine() throws {
        let inputs = try HostileInputs("rubric-multiline")
        defer { inputs.remove() }
        let audio = try inputs.shortStereoWAV("call.wav")
        let path = try inputs.write("multi.yaml", text: Self.template(
            "      said:\n        patterns:\n          - '(unclosed [class\n            continued on a second line'\n"))
        try ChildRun.run(["analyze", audio, "--template", path])
            .expectRejected(naming: path, "missing terminating ] for character class")
    }
}
