import Testing
import UndertoneDSP

@testable import UndertoneAnalysis
@testable import UndertoneConversation
@testable import UndertoneRubrics
@testable import UndertoneSentiment
@testable import UndertoneTranscripts

/// Dead air, hold and gaps on generated calls with known layouts.
@Suite struct ConversationPauseTests {
    /// Agent and customer alternate with two dead airs (6.5 s, 8 s), a 4 s gap, and a minute of hold music with a
    /// 1.2 s break in it.
    static let layout = SyntheticCall(
        duration: 135,
        agent: [.init(start: 0.5, end: 10), .init(start: 29, end: 40), .init(start: 100, end: 110)],
        customer: [.init(start: 16.5, end: 25), .init(start: 118, end: 130)],
        music: [(40.5, 70), (71.2, 99.5)],
        vadNoise: true)
    static let deadAirs: [(Double, Double)] = [(10, 16.5), (110, 118)]

    static func analyze(_ call: SyntheticCall, words: [Word] = []) -> ConversationResult {
        let tracks = call.tracks()
        return ConversationAnalyzer.analyze(agent: tracks.agent, customer: tracks.customer, mixed: nil, words: words)
    }

    @Test func everyDeadAirIsFoundWithinToleranceAndNothingElse() {
        let result = Self.analyze(Self.layout)
        let found = result.pauses.filter { $0.kind == .deadAir }
        #expect(found.count == Self.deadAirs.count)
        for (pause, truth) in zip(found, Self.deadAirs) {
            #expect(abs(pause.start - truth.0) <= 0.3, "dead air start \(pause.start) vs \(truth.0)")
            #expect(abs(pause.end - truth.1) <= 0.3, "dead air end \(pause.end) vs \(truth.1)")
        }
        #expect(found.map(\.after) == [.agent, .agent])
        #expect(result.stats.call.deadAir.count == 2)
        #expect(abs(result.stats.call.deadAir.longestSeconds - 8) <= 0.3)
    }

    @Test func noDeadAirInsideHoldOrSpeech() {
        let result = Self.analyze(Self.layout)
        let busy =
            Self.layout.agent.map { ($0.start, $0.end) } + Self.layout.customer.map { ($0.start, $0.end) }
            + [(40.5, 99.5)]
        for pause in result.pauses where pause.kind == .deadAir {
            for (start, end) in busy {
                #expect(
                    min(pause.end, end) - max(pause.start, start) <= 0.3, "dead air \(pause) overlaps \(start)–\(end)")
            }
        }
    }

    @Test func holdIsOneHoldAcrossTheBreakInTheMusic() {
        let result = Self.analyze(Self.layout)
        let holds = result.pauses.filter { $0.kind == .hold }
        #expect(holds.count == 1)
        #expect(abs((holds.first?.start ?? 0) - 40.5) <= 0.3)
        #expect(abs((holds.first?.end ?? 0) - 99.5) <= 0.3)
        #expect(result.stats.call.hold.count == 1)
        #expect(abs(result.stats.call.hold.totalSeconds - 59) <= 0.3)
    }

    @Test func fourSecondSilenceIsAGap() {
        let result = Self.analyze(Self.layout)
        let gap = result.pauses.first { $0.start > 24 && $0.end < 30 }
        #expect(gap?.kind == .gap)
        #expect(abs((gap?.end ?? 0) - (gap?.start ?? 0) - 4) <= 0.3)
        #expect(gap?.after == .customer)
    }

    @Test func deadAirThresholdIsConfigurable() {
        var options = ConversationOptions()
        options.deadAirSeconds = 3.5
        let tracks = Self.layout.tracks()
        let result = ConversationAnalyzer.analyze(
            agent: tracks.agent, customer: tracks.customer, mixed: nil, words: [], options: options)
        #expect(result.pauses.filter { $0.kind == .deadAir }.count == 3)
    }

    @Test func pauseQuotesTheLastUtterance() {
        let words = SyntheticCall.words(["the", "price", "is", "forty", "dollars"], from: 7, to: 10, role: .agent)
        let result = Self.analyze(Self.layout, words: words)
        let deadAir = result.pauses.first { $0.kind == .deadAir }
        #expect(deadAir?.afterText == "the price is forty dollars")
    }

    /// Contact Lens non-talk time: hold plus silences over 3 s, over the conversation duration.
    @Test func nonTalkTimeMatchesTheLayout() {
        let result = Self.analyze(Self.layout)
        // 0.5 leading is too short; dead airs 6.5 + 8, gap 4, hold 40–100 with its 0.5 s lead-in and lead-out.
        let expected = 6.5 + 8 + 4 + 60
        let call = result.stats.call
        #expect(abs(call.nonTalkSeconds - expected) / expected < 0.02, "non-talk \(call.nonTalkSeconds)")
        #expect(abs(call.conversationSeconds - 130) <= 0.3)
        #expect(abs(call.nonTalkPercent - expected / 130 * 100) < 2)
        #expect(abs(call.trailingSilenceSeconds - 5) <= 0.3)
    }

    /// A VAD hangover of 250 ms (low speech probability) does not move the dead air's start.
    @Test func hangoverIsTrimmedFromSegmentEnds() {
        let result = Self.analyze(Self.layout)
        let agentSegments = result.speech.filter { $0.speaker == .agent }
        let firstEnd = agentSegments.first { $0.end > 9 }?.end ?? 0
        #expect(abs(firstEnd - 10) <= 0.06, "segment end \(firstEnd)")
    }

    /// Where the DSP mistakes the agent's voice for music, the agent's transcribed words win; real hold music with
    /// one stray recognised word stays hold.
    @Test func transcribedSpeechOverrulesMusic() {
        var tracks = Self.layout.tracks()
        for index in FrameClock.frame(at: 30)..<FrameClock.frame(at: 33) {
            tracks.agent.frames[index] = SyntheticCall.musicFrame
        }
        let words =
            SyntheticCall.words(count: 12, from: 29, to: 40, role: .agent)
            + [Word(speaker: "agent", start: 60, end: 60.4, text: "hello", role: .agent)]
        let result = ConversationAnalyzer.analyze(
            agent: tracks.agent, customer: tracks.customer, mixed: nil, words: words)
        let holds = result.pauses.filter { $0.kind == .hold }
        #expect(holds.count == 1)
        #expect(abs((holds.first?.start ?? 0) - 40.5) <= 0.3)
        let agentSpeech = result.speech.filter { $0.speaker == .agent && $0.start < 40 && $0.end > 29 }
        #expect(agentSpeech.reduce(0) { $0 + $1.end - $1.start } >= 10.5, "\(agentSpeech)")
    }
}
