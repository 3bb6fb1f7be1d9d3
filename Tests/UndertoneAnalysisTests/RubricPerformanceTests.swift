import Foundation
import Testing
@testable import UndertoneAnalysis
import UndertoneTestSupport
@testable import UndertoneConversation
@testable import UndertoneRubrics
@testable import UndertoneSentiment
@testable import UndertoneTranscripts

/// Scoring cost on a long call, so batch runs over thousands of calls stay dominated by the audio work.
@Suite struct RubricPerformanceTests {
    /// A 10-minute designed call: the model opening, then alternating turns of 12 words until 600 s.
    static func tenMinuteCall() -> DesignedCall {
        var call = RubricOpeningTests.opening()
        var agent = true
        while call.end < 600 {
            call.say(agent ? .agent : .customer, agent
                ? "Let me check the account details for you and see what happened with the charge."
                : "Okay I see, the charge was on the fifth and I did not expect it.")
            agent.toggle()
        }
        return call
    }

    @Test func allShippedTemplatesScoreATenMinuteCallQuickly() throws {
        let call = Self.tenMinuteCall()
        let context = call.context()
        let opening = try OpeningAuditor.builtIn()
        let templates = try RubricAnalysis.templates()
        let clock = ContinuousClock()
        var analysis: RubricAnalysis?
        let elapsed = clock.measure { analysis = RubricAnalysis(context, opening: opening, templates: templates) }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        TestTimings.print("rubric scoring: \(call.words.count) words, \(String(format: "%.1f", seconds * 1000)) ms")
        #expect(analysis?.opening.score == 100)
        #expect(seconds < 10)
    }
}
