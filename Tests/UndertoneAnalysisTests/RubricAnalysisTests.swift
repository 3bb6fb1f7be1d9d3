import Testing
@testable import UndertoneAnalysis
@testable import UndertoneConversation
@testable import UndertoneRubrics
@testable import UndertoneSentiment
@testable import UndertoneTranscripts

/// The one-call entry point the report pipeline uses.
@Suite struct RubricAnalysisTests {
    @Test func runsTheOpeningAuditEveryOtherTemplateAndCollectsMoments() throws {
        let call = RubricOpeningTests.opening()
        let analysis = RubricAnalysis(call.context(), opening: try OpeningAuditor.builtIn(), templates: try RubricAnalysis.templates())
        #expect(analysis.opening.score == 100)
        #expect(Set(analysis.criteria.map(\.template)) == ["backfire-phrases", "empathy", "resolution-confirmed"])
        // The designed opening never checks the resolution before the call ends: those failures are moments.
        let failed = analysis.criteria.filter { $0.applicable && $0.passed == false }.map(\.id)
        #expect(failed == ["resolutionAsked", "customerConfirms"])
        #expect(analysis.moments.filter { $0.kind == .failedCriterion }.count == 2)
    }

    @Test func withoutATranscriptPhraseChecksAreNotApplicable() throws {
        let pauses = [Pause(kind: .deadAir, start: 3, end: 10, after: nil, afterText: nil)]
        let context = RubricContext(words: [], duration: 60, conversation: .init(pauses: pauses))
        let analysis = RubricAnalysis(context, opening: try OpeningAuditor.builtIn(), templates: [])
        let applicable = analysis.opening.checks.filter(\.applicable).map(\.id)
        #expect(applicable == ["noDeadAir"])
        // One audio check applied, but without a transcript the opening is N/A, not that check's verdict.
        #expect(analysis.opening.score == nil && analysis.opening.reason == "the call has no transcript")
        #expect(analysis.opening.checks.first?.justification == "N/A: the call has no transcript")
    }

    @Test func withoutSpeakerRolesPartyChecksAreNotApplicable() throws {
        var call = RubricOpeningTests.opening()
        call.words = call.words.map { word in
            var word = word
            word.role = nil
            return word
        }
        let audit = try OpeningAuditor.builtIn().audit(call.context())
        #expect(audit.checks.filter(\.applicable).map(\.id) == ["noDeadAir"])
        #expect(audit.checks.first?.justification == "N/A: the transcript does not say who spoke")
        #expect(audit.score == 100)
    }

    @Test func extraTemplateFilesAreLoadedAfterTheBuiltIns() throws {
        let templates = try RubricAnalysis.templates(adding: [RubricConditionTests.fixture])
        #expect(templates.map(\.id) == ["backfire-phrases", "empathy", "resolution-confirmed", "every-condition"])
    }
}
