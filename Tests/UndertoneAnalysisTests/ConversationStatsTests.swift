import Foundation
import Testing
import UndertoneDSP

@testable import UndertoneAnalysis
@testable import UndertoneConversation
@testable import UndertoneRubrics
@testable import UndertoneSentiment
@testable import UndertoneTranscripts

/// Talk statistics against generated calls with known layouts.
@Suite struct ConversationStatsTests {
    /// Agent 60 s at 4 syllables/s, customer 30 s at 2.5 syllables/s, half-second hand-overs: a calm call.
    static let layout = SyntheticCall(
        duration: 95,
        agent: [
            .init(start: 0, end: 20, syllableRate: 4), .init(start: 25, end: 45, syllableRate: 4),
            .init(start: 60, end: 80, syllableRate: 4),
        ],
        customer: [
            .init(start: 20.5, end: 24.5, syllableRate: 2.5), .init(start: 45.5, end: 59.5, syllableRate: 2.5),
            .init(start: 80.5, end: 92.5, syllableRate: 2.5),
        ],
        vadNoise: true)

    static func within2Percent(_ value: Double?, _ truth: Double) -> Bool {
        guard let value else { return false }
        return abs(value - truth) <= 0.02 * abs(truth)
    }

    @Test func talkTimeRatioAndPercent() throws {
        let stats = ConversationPauseTests.analyze(Self.layout).stats
        let agent = try #require(stats.agent)
        let customer = try #require(stats.customer)
        #expect(Self.within2Percent(agent.talkSeconds, 60), "\(agent.talkSeconds)")
        #expect(Self.within2Percent(customer.talkSeconds, 30), "\(customer.talkSeconds)")
        #expect(Self.within2Percent(agent.talkRatio, 2.0 / 3))
        #expect(Self.within2Percent(stats.call.talkSeconds, 90))
        #expect(Self.within2Percent(stats.call.conversationSeconds, 92.5))
        #expect(Self.within2Percent(stats.call.talkPercent, 90 / 92.5 * 100))
        #expect(Self.within2Percent(agent.talkPercent, 60 / 92.5 * 100))
        #expect(agent.turnCount == 3 && customer.turnCount == 3)
        #expect(Self.within2Percent(agent.longestMonologueSeconds, 20))
        #expect(stats.call.nonTalkSeconds == 0)
    }

    /// Overlap counts once in the call's talk time.
    @Test func overlapCountsOnceInCallTalkTime() {
        let call = SyntheticCall(
            duration: 20, agent: [.init(start: 0, end: 10)], customer: [.init(start: 8, end: 18)])
        let stats = ConversationPauseTests.analyze(call).stats
        #expect(Self.within2Percent(stats.call.talkSeconds, 18))
        #expect(Self.within2Percent(stats.agent?.talkRatio, 0.5))
    }

    @Test func wordsPerMinuteEstimatedFromSyllables() throws {
        let stats = ConversationPauseTests.analyze(Self.layout).stats
        let agent = try #require(stats.agent)
        #expect(agent.wordsPerMinuteEstimated)
        #expect(Self.within2Percent(agent.wordsPerMinute, 4 * 60 / 1.4), "\(agent.wordsPerMinute ?? 0)")
        #expect(Self.within2Percent(stats.customer?.wordsPerMinute, 2.5 * 60 / 1.4))
        #expect(agent.wordCount == nil)
    }

    @Test func wordsPerMinuteFromTheTranscript() throws {
        let words = Self.layout.agent.flatMap {
            SyntheticCall.words(count: 50, from: $0.start, to: $0.end, role: .agent)
        }
        let stats = ConversationPauseTests.analyze(Self.layout, words: words).stats
        let agent = try #require(stats.agent)
        #expect(!agent.wordsPerMinuteEstimated)
        #expect(agent.wordCount == 150)
        #expect(Self.within2Percent(agent.wordsPerMinute, 150), "\(agent.wordsPerMinute ?? 0)")
        #expect(stats.customer?.wordsPerMinuteEstimated == true)
    }

    @Test func responseLatencyPerSpeaker() throws {
        let call = SyntheticCall(
            duration: 32,
            agent: [.init(start: 0, end: 5), .init(start: 11, end: 15), .init(start: 22, end: 25)],
            customer: [.init(start: 5.5, end: 10), .init(start: 16.5, end: 20), .init(start: 28, end: 30)],
            vadNoise: true)
        let stats = ConversationPauseTests.analyze(call).stats
        let customer = try #require(stats.customer?.responseLatency)
        let agent = try #require(stats.agent?.responseLatency)
        #expect(customer.count == 3)
        #expect(abs((customer.meanSeconds ?? 0) - 5.0 / 3) <= 0.05)
        #expect(abs((customer.p90Seconds ?? 0) - 3) <= 0.05)
        #expect(abs((customer.longestSeconds ?? 0) - 3) <= 0.05)
        #expect(agent.count == 2)
        #expect(abs((agent.meanSeconds ?? 0) - 1.5) <= 0.05)
        #expect(stats.call.responseLatency.count == 5)
    }

    /// Quarters span [0, the party's last word]; loudness and pitch change per quarter.
    @Test func quartersFollowEachPartysLastWord() throws {
        let levels: [Float] = [-40, -30, -20, -10]
        let pitches: [Float] = [100, 120, 150, 200]
        let call = SyntheticCall(
            duration: 82,
            agent: (0..<4).map {
                .init(start: Double($0) * 20, end: Double($0) * 20 + 19.5, loudnessDb: levels[$0], f0Hz: pitches[$0])
            },
            customer: [.init(start: 10, end: 60)])
        let words =
            SyntheticCall.words(count: 40, from: 60, to: 79.5, role: .agent)
            + SyntheticCall.words(count: 10, from: 0, to: 19.5, role: .agent)
        let stats = ConversationPauseTests.analyze(call, words: words).stats
        let agent = try #require(stats.agent)
        #expect(agent.quarters.count == 4)
        let lastWordEnd = try #require(words.map(\.end).max())
        for (index, quarter) in agent.quarters.enumerated() {
            #expect(abs(quarter.end - lastWordEnd * Double(index + 1) / 4) < 1e-9)
            let score = Double(LoudnessScale.score(loudnessDb: levels[index]))
            #expect(abs((quarter.voice.loudness ?? 0) - score) <= 0.02 * score, "quarter \(index) \(quarter.voice)")
            let semitones = 12 * log2(Double(pitches[index]) / 27.5)
            #expect(abs((quarter.voice.f0MeanSemitones ?? 0) - semitones) < 0.3, "quarter \(index)")
        }
        #expect(Self.within2Percent(agent.quarters[0].wordsPerMinute, 10 / (19.5 / 60)))
        #expect(agent.quarters[1].wordsPerMinute == 0)
        // The customer has no words: their quarters run to their last speech.
        #expect(abs((stats.customer?.quarters.last?.end ?? 0) - 60) <= 0.05)
        #expect(abs((agent.voice.f0RangeSemitones ?? 0) - 12 * log2(200.0 / 100)) < 0.1)
        #expect(abs((agent.voice.jitterLocal ?? 0) - 0.01) < 1e-6 && agent.voice.hnrDb == 15)
        #expect(agent.loudnessPerSecond.count == 80)
        #expect(agent.loudnessPerSecond[5] != nil)
    }

    @Test func monoWithTranscriptAttributesSpeechByRole() throws {
        let call = SyntheticCall(
            duration: 22, agent: [.init(start: 0, end: 10)], customer: [.init(start: 11, end: 20)])
        let words =
            SyntheticCall.words(count: 20, from: 0, to: 10, role: .agent)
            + SyntheticCall.words(count: 15, from: 11, to: 20, role: .customer)
        let result = ConversationAnalyzer.analyze(agent: nil, customer: nil, mixed: call.mixedTrack(), words: words)
        #expect(result.speech.map(\.speaker) == [.agent, .customer])
        #expect(abs((result.stats.agent?.talkSeconds ?? 0) - 10) <= 0.2)
        #expect(abs((result.stats.customer?.talkSeconds ?? 0) - 9) <= 0.2)
        #expect(result.stats.mixed == nil)
    }

    @Test func monoWithoutTranscriptIsOneMixedSpeaker() throws {
        let call = SyntheticCall(
            duration: 30, agent: [.init(start: 0, end: 10)], customer: [.init(start: 17, end: 25)])
        let result = ConversationAnalyzer.analyze(agent: nil, customer: nil, mixed: call.mixedTrack(), words: [])
        #expect(result.stats.agent == nil && result.stats.customer == nil)
        #expect(Self.within2Percent(result.stats.mixed?.talkSeconds, 18))
        #expect(result.notes.contains { $0.contains("per-speaker figures are unavailable") })
        #expect(result.pauses.filter { $0.kind == .deadAir }.count == 1)
        #expect(result.overlaps.isEmpty)
    }
}
