import Foundation
import Testing
@testable import UndertoneAnalysis
@testable import UndertoneConversation
@testable import UndertoneRubrics
@testable import UndertoneSentiment
@testable import UndertoneTranscripts

/// Malformed templates are rejected with the file, the line of the offending node and a plain reason.
@Suite struct RubricTemplateErrorTests {
    /// Parses `yaml` expecting an error on `line` whose reason contains `reason`.
    func expectError(_ yaml: String, line: Int?, reason: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try RubricTemplate.parse(yaml: yaml, source: "broken.yaml")
            Issue.record("template parsed, expected an error on line \(line.map(String.init) ?? "none")", sourceLocation: sourceLocation)
        } catch {
            #expect(error.file == "broken.yaml", sourceLocation: sourceLocation)
            #expect(error.line == line, "\(error)", sourceLocation: sourceLocation)
            #expect(error.reason.contains(reason), "\(error)", sourceLocation: sourceLocation)
            #expect(!error.description.contains("\n"), sourceLocation: sourceLocation)
        }
    }

    static let valid = """
        template: sample
        criteria:
          - id: greeting
            check:
              said:
                by: agent
                within: 10
                phrases: [hello]
        """

    @Test func validSampleParses() throws {
        let parsed = try template(Self.valid)
        #expect(parsed.id == "sample" && parsed.criteria.map(\.id) == ["greeting"])
        #expect(parsed.criteria[0].line == 3)
    }

    @Test func yamlSyntaxErrorGivesItsLine() {
        expectError("""
            template: sample
            criteria:
              - id: greeting
                check: {said: {phrases: [hello]}
              - id: other
            """, line: 5, reason: "YAML syntax")
    }

    @Test func unknownKeyGivesTheKeyLine() {
        expectError(Self.valid.replacingOccurrences(of: "within: 10", with: "wihtin: 10"), line: 7, reason: "unknown key 'wihtin' in said")
    }

    @Test func wrongTypeGivesTheValueLine() {
        expectError(Self.valid.replacingOccurrences(of: "within: 10", with: "within: ten"), line: 7, reason: "expected a number, found 'ten'")
        expectError(Self.valid.replacingOccurrences(of: "by: agent", with: "by: [agent]"), line: 6, reason: "expected text, found a list")
        expectError(Self.valid.replacingOccurrences(of: "by: agent", with: "by: manager"), line: 6, reason: "'by' must be agent, customer or anyone")
    }

    @Test func missingFieldGivesTheLineOfItsParent() {
        expectError(Self.valid.replacingOccurrences(of: "  - id: greeting\n", with: "  - name: greeting\n"), line: 3, reason: "missing 'id' in a criterion")
        expectError("template: sample\n", line: 1, reason: "missing 'criteria'")
        expectError(Self.valid.replacingOccurrences(of: "\n        phrases: [hello]", with: ""), line: 6, reason: "'said' needs at least one of phrases")
    }

    @Test func unknownConditionMetricAndStageAreNamed() {
        expectError(Self.valid.replacingOccurrences(of: "said:", with: "sayed:"), line: 5, reason: "unknown condition 'sayed'")
        expectError("""
            template: sample
            criteria:
              - id: quiet
                check: {metric: {name: deadAir, atMost: 0}}
            """, line: 4, reason: "unknown metric name 'deadAir'")
        expectError(Self.valid.replacingOccurrences(of: "within: 10", with: "stage: openning"), line: 7, reason: "unknown stage 'openning'")
    }

    @Test func badValuesAreRejected() {
        expectError(Self.valid.replacingOccurrences(of: "phrases: [hello]", with: "patterns: ['(unclosed']"), line: 8, reason: "invalid pattern '(unclosed'")
        expectError(Self.valid.replacingOccurrences(of: "within: 10", with: "within: {start: 20, end: 10}"), line: 7, reason: "window end 10.0 is not after start 20.0")
        expectError(Self.valid.replacingOccurrences(of: "  - id: greeting\n", with: "  - id: greeting\n    weight: -1\n"), line: 4, reason: "weight must not be negative")
        expectError(Self.valid.replacingOccurrences(of: "  - id: greeting\n", with: "  - id: greeting\n    scoring: scaled\n"), line: 3, reason: "'scoring: scaled' needs 'scale")
        expectError(Self.valid + "\n  - id: greeting\n    check: {said: {phrases: [hi]}}", line: 9, reason: "duplicate criterion id 'greeting'")
        expectError(Self.valid.replacingOccurrences(of: "by: agent", with: "by: agent\n        atLeast: 3\n        atMost: 1"), line: 7, reason: "atLeast 3 is more than atMost 1")
    }

    @Test func conditionsMustHaveExactlyOneKind() {
        expectError(Self.valid.replacingOccurrences(of: "      said:", with: "      notSaid: {phrases: [bye]}\n      said:"), line: 5, reason: "a condition has exactly one kind")
    }

    @Test func emptyAndNonMappingTemplatesAreRejected() {
        expectError("", line: nil, reason: "the template is empty")
        expectError("- just\n- a list\n", line: 1, reason: "the template must be a mapping")
    }

    @Test func unreadableFileNamesTheFile() {
        do {
            _ = try RubricTemplate.load(contentsOf: URL(fileURLWithPath: "/nonexistent/missing.yaml"))
            Issue.record("loaded a missing file")
        } catch {
            #expect(error.file == "missing.yaml" && error.line == nil)
            #expect(error.description.hasPrefix("missing.yaml: cannot read the file"))
        }
    }

    @Test func everyBuiltInTemplateParses() throws {
        let templates = try RubricTemplate.builtIns()
        #expect(templates.map(\.id) == ["backfire-phrases", "empathy", "opening-30s", "resolution-confirmed"])
        #expect(RubricTemplate.builtInNames == templates.map(\.id))
    }
}
