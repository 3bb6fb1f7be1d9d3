import Foundation
import Testing
import UndertoneTestSupport
import UndertoneTranscripts
@testable import UndertoneAnalysis
@testable import UndertoneRubrics

/// "Not checked" is never a pass (issue 15 §2), template scores, and byte-identical reports (§5).
@Suite struct NotCheckedTests {
    static func json(_ report: CallReport) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: report.jsonData()) as? [String: Any])
    }

    @Test(arguments: [false, true])
    func withoutWordsTheOpeningIsNotApplicable(emptyTranscript: Bool) async throws {
        let call = try await DecodedFixtures.call("opening-pass")
        let transcript = emptyTranscript ? Transcript(format: .undertone, words: []) : nil
        let report = try CallAnalyzer().report(for: call, transcript: transcript, metadata: CallMetadata())
        let opening = try #require(report.opening)
        #expect(opening.score == nil && opening.reason == "the call has no transcript")
        let notApplicable = opening.checks.filter { !$0.applicable }
        #expect(!notApplicable.isEmpty && notApplicable.allSatisfy { $0.passed == nil })
        #expect(report.criteria.filter { !$0.applicable }.allSatisfy { $0.passed == nil && $0.score == nil })

        let encoded = try Self.json(report)
        let openingJSON = try #require(encoded["opening"] as? [String: Any])
        #expect(openingJSON["score"] is NSNull)
        let checks = try #require(openingJSON["checks"] as? [[String: Any]])
        #expect(checks.contains { $0["applicable"] as? Bool == false && $0["passed"] is NSNull })
        #expect(!checks.contains { $0["applicable"] as? Bool == false && $0["passed"] as? Bool == true })

        let text = ReportTextRenderer.render(report)
        #expect(text.contains("score N/A (the call has no transcript)") && !text.contains("100/100"))
    }

    static func result(_ id: String, weight: Double, passed: Bool?, autoFail: Bool = false) -> CriterionResult {
        CriterionResult(
            template: "t", id: id, name: id, score: passed.map { $0 ? 1 : 0 }, passed: passed, evidence: [], justification: "",
            applicable: passed != nil, weight: weight, autoFail: autoFail)
    }

    @Test func templateScoresAreWeightedWithAutoFail() throws {
        let template = try RubricTemplate.builtIn("empathy")
        let weighted = RubricEvaluator.templateScore(template, [
            Self.result("a", weight: 2, passed: true), Self.result("b", weight: 1, passed: false),
            Self.result("c", weight: 5, passed: nil),
        ])
        #expect(abs((weighted.score ?? 0) - 200.0 / 3) < 1e-9 && !weighted.autoFailed)
        let autoFailed = RubricEvaluator.templateScore(template, [
            Self.result("a", weight: 2, passed: true), Self.result("b", weight: 1, passed: false, autoFail: true),
        ])
        #expect(autoFailed.score == 0 && autoFailed.autoFailed)
        let none = RubricEvaluator.templateScore(template, [Self.result("c", weight: 1, passed: nil)])
        #expect(none.score == nil && none.reason == "no criterion applied to this call")
    }

    @Test func reportCarriesTemplateScoresAndCriterionIdsOnMoments() async throws {
        let name = "opening-fail"
        // The frames decoded once per process give the report the files give (LiveTapTests, CallAnalyzerInputTests).
        let report = try CallAnalyzer().report(
            for: await DecodedFixtures.call(name), transcript: TranscriptReader.read(url: Fixtures.call(name, "json")),
            metadata: CallMetadata.read(url: Fixtures.call(name, "meta.json")))
        #expect(report.templates.map(\.template) == ["opening-30s", "backfire-phrases", "empathy", "resolution-confirmed"])
        #expect(report.templates.first?.score == report.opening?.score)
        let raised = report.moments.compactMap(\.criterion)
        let failedOpening = report.opening?.checks.filter { $0.passed == false }.map { "opening-30s/\($0.id)" } ?? []
        #expect(!raised.isEmpty && raised.allSatisfy { id in
            failedOpening.contains(id) || report.criteria.contains { "\($0.template)/\($0.id)" == id && $0.failed }
        })
        #expect(ReportTextRenderer.render(report).contains("Templates"))
    }

    /// Reports hold dictionaries (sentiment arcs, frame tracks): without sorted keys their order changed per run.
    @Test func identicalInputsGiveIdenticalBytes() async throws {
        let name = "layout-overlap"
        let input = CallInput(
            audio: Fixtures.call(name, "wav"), transcript: Fixtures.call(name, "json"), metadata: Fixtures.call(name, "meta.json"))
        var options = AnalysisOptions()
        options.includeFrames = true
        let first = try CallAnalyzer(options: options).analyze(input).jsonData()
        // The second run's frames are the file decoded once per process by the same decoder (in another task).
        let second = try CallAnalyzer(options: options).report(
            for: await DecodedFixtures.call(name), transcript: TranscriptReader.read(url: Fixtures.call(name, "json")),
            metadata: CallMetadata.read(url: Fixtures.call(name, "meta.json"))
        ).jsonData()
        #expect(first == second)
        let text = String(decoding: first, as: UTF8.self)
        // Sorted, not contract order (which put schemaVersion first) nor hash order.
        let call = try #require(text.range(of: "\"call\""))
        let schema = try #require(text.range(of: "\"schemaVersion\""))
        #expect(call.lowerBound < schema.lowerBound)
        #expect(text.range(of: #""agent" : \{[^}]*\},\s*"customer""#, options: .regularExpression) != nil)

        let report = try JSONDecoder().decode(CallReport.self, from: first)
        #expect(report.stats.call.durationSeconds == report.call.durationSeconds)
    }
}
