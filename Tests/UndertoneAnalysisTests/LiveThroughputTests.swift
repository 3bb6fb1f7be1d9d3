import Foundation
import Testing
import UndertoneDSP

@testable import UndertoneAnalysis
import UndertoneTestSupport
@testable import UndertoneConversation
@testable import UndertoneRubrics
@testable import UndertoneSentiment
@testable import UndertoneTranscripts

/// The conversation layer over a long generated call, batch and live: they agree on every dead air. With
/// `UNDERTONE_TEST_TIMINGS=1` the call is an hour long (a dead air every 37 turns) and the test prints the
/// throughput figures docs/measurements/conversation.md quotes; otherwise 6 minutes with a dead air every 12 turns
/// (three dead airs, 36 000 frames) prove the same agreement.
@Suite struct LiveThroughputTests {
    static let seconds: Double = TestTimings.enabled ? 3600 : 360
    static let turnsPerDeadAir = TestTimings.enabled ? 37 : 12
    /// Alternating 8 s turns with 0.6 s hand-overs, a 6 s dead air every `turnsPerDeadAir` turns, VAD noise.
    static let longCall: SyntheticCall = {
        var call = SyntheticCall(duration: seconds, vadNoise: true)
        var time = 0.0
        var turn = 0
        while time < seconds - 10 {
            let speech = SyntheticCall.Speech(start: time, end: min(seconds, time + 8))
            if turn % 2 == 0 { call.agent.append(speech) } else { call.customer.append(speech) }
            time += turn % turnsPerDeadAir == turnsPerDeadAir - 1 ? 14 : 8.6
            turn += 1
        }
        return call
    }()

    @Test func aLongCallRunsFarFasterThanRealTime() throws {
        let tracks = Self.longCall.tracks()
        let clock = ContinuousClock()
        var result: ConversationResult?
        let batch = clock.measure {
            result = ConversationAnalyzer.analyze(agent: tracks.agent, customer: tracks.customer, mixed: nil, words: [])
        }
        var engine = try LiveAlertEngine()
        var alerts: [LiveAlert] = []
        var slowest = Duration.zero
        let live = clock.measure {
            for index in tracks.agent.frames.indices {
                let start = clock.now
                alerts += engine.process(tracks.agent.frames[index], tracks.customer.frames[index])
                slowest = max(slowest, clock.now - start)
            }
        }
        let batchSeconds = Double(batch.components.attoseconds) / 1e18 + Double(batch.components.seconds)
        let liveSeconds = Double(live.components.attoseconds) / 1e18 + Double(live.components.seconds)
        TestTimings.print(
            "conversation throughput: \(Self.seconds) s call, batch \(batchSeconds) s (RTF \(batchSeconds / Self.seconds)), "
                + "live \(liveSeconds) s (\(liveSeconds / (Self.seconds * 100) * 1e6) µs per step, slowest step \(slowest)), "
                + "\(alerts.count) alerts")
        let speech = (Self.longCall.agent + Self.longCall.customer).sorted { $0.start < $1.start }
        let deadAirs = zip(speech, speech.dropFirst()).filter { $1.start - $0.end >= 5 }.count
        #expect(deadAirs == (Self.seconds == 3600 ? 11 : 3))
        #expect(result?.pauses.filter { $0.kind == .deadAir }.count == deadAirs)
        // Live also fires on the silence after the last word (it cannot know the call is over); the report does not.
        let conversationEnd = result?.stats.call.conversationSeconds ?? 0
        let liveStarts = alerts.filter { $0.kind == .deadAir && $0.start < conversationEnd }.map(\.start)
        #expect(liveStarts == result?.pauses.filter { $0.kind == .deadAir }.map(\.start))
    }
}
