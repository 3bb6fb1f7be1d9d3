import Foundation
import Testing
@testable import UndertoneAnalysis
@testable import UndertoneConversation
@testable import UndertoneRubrics
@testable import UndertoneSentiment
@testable import UndertoneTranscripts

/// The report contract types stay readable when written without the fields rubrics added.
@Suite struct RubricReportCodingTests {
    @Test func resultsWithoutTheAddedFieldsDecodeWithDefaults() throws {
        let criterion = try JSONDecoder().decode(CriterionResult.self, from: Data("""
            {"template": "t", "id": "a", "name": "A", "score": 0, "passed": false, "evidence": [], "justification": "No greeting"}
            """.utf8))
        #expect(criterion.applicable && criterion.weight == 1 && !criterion.autoFail)
        let check = try JSONDecoder().decode(OpeningCheck.self, from: Data("""
            {"id": "greeting", "passed": true, "evidence": [{"start": 1, "end": 2, "speaker": "agent", "text": "Hello"}], "justification": "ok"}
            """.utf8))
        #expect(check.applicable && check.evidence.first?.speaker == .agent)
    }

    @Test func resultsRoundTripThroughJSON() throws {
        let result = CriterionResult(
            template: "t", id: "a", name: "A", score: 0.5, passed: false,
            evidence: [Evidence(start: 1, end: 2, speaker: .customer, text: "x")], justification: "j",
            applicable: false, weight: 3, autoFail: true)
        #expect(try JSONDecoder().decode(CriterionResult.self, from: JSONEncoder().encode(result)) == result)
    }
}
