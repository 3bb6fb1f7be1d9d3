import Foundation
import Testing
import UndertoneDSP

@testable import UndertoneAnalysis
@testable import UndertoneConversation
@testable import UndertoneRubrics
@testable import UndertoneSentiment
@testable import UndertoneTranscripts

/// Inputs at the edges: nothing, silence only, music only, tracks of different lengths.
@Suite struct ConversationEdgeCaseTests {
    @Test func noTrackGivesAnEmptyResultWithANote() {
        let result = ConversationAnalyzer.analyze(agent: nil, customer: nil, mixed: nil, words: [])
        #expect(result.speech.isEmpty && result.pauses.isEmpty)
        #expect(result.notes == ["No audio track."])
    }

    @Test func silenceOnlyHasNoPausesAndNoTalk() {
        let silent = FrameTrack(frames: Array(repeating: .silent, count: 1000))
        let result = ConversationAnalyzer.analyze(agent: silent, customer: silent, mixed: nil, words: [])
        #expect(result.speech.isEmpty && result.pauses.isEmpty)
        #expect(result.stats.call.talkSeconds == 0 && result.stats.call.conversationSeconds == 0)
        #expect(result.stats.agent?.talkRatio == 0)
        #expect(result.stats.call.durationSeconds == 10)
    }

    @Test func musicOnlyIsOneHold() {
        let call = SyntheticCall(duration: 30, music: [(0, 30)])
        let result = ConversationPauseTests.analyze(call)
        #expect(result.pauses.map(\.kind) == [.hold])
        #expect(result.stats.call.hold.totalSeconds == 30)
    }

    /// A shorter customer track is padded with silence rather than cut or crashed on.
    @Test func tracksOfDifferentLengthsArePadded() {
        let tracks = SyntheticCall(
            duration: 20, agent: [.init(start: 12, end: 18)], customer: [.init(start: 0, end: 5)]
        ).tracks()
        let short = FrameTrack(frames: Array(tracks.customer.frames.prefix(600)))
        let result = ConversationAnalyzer.analyze(agent: tracks.agent, customer: short, mixed: nil, words: [])
        #expect(result.stats.call.durationSeconds == 20)
        #expect(result.pauses.filter { $0.kind == .deadAir }.map(\.start) == [5])
        #expect(abs((result.stats.customer?.talkSeconds ?? 0) - 5) < 0.02)
    }

    /// Speech from the first frame to the last is one segment, with no trailing silence.
    @Test func speechAtBothEdgesOfTheRecording() {
        let call = SyntheticCall(duration: 10, agent: [.init(start: 0, end: 10)])
        let result = ConversationPauseTests.analyze(call)
        #expect(result.speech == [SpeechSegment(speaker: .agent, start: 0, end: 10)])
        #expect(result.stats.call.trailingSilenceSeconds == 0)
    }

    @Test func nonTalkThresholdIsConfigurable() {
        let call = SyntheticCall(
            duration: 20, agent: [.init(start: 0, end: 5), .init(start: 7.5, end: 10)],
            customer: [.init(start: 12, end: 20)])
        var options = ConversationOptions()
        let tracks = call.tracks()
        let standard = ConversationAnalyzer.analyze(
            agent: tracks.agent, customer: tracks.customer, mixed: nil, words: [])
        #expect(standard.stats.call.nonTalkSeconds == 0)
        options.nonTalkSeconds = 1.5
        let strict = ConversationAnalyzer.analyze(
            agent: tracks.agent, customer: tracks.customer, mixed: nil, words: [], options: options)
        #expect(
            strict.stats.call.nonTalkInstances == [NonTalkSpan(start: 5, end: 7.5), NonTalkSpan(start: 10, end: 12)])
    }

    /// A frame with non-finite measurements does not make the statistics unencodable.
    @Test func nonFiniteMeasurementsStillEncode() throws {
        var tracks = SyntheticCall(duration: 10, agent: [.init(start: 0, end: 8)]).tracks()
        for index in stride(from: 50, to: 700, by: 37) {
            tracks.agent.frames[index].loudnessDb = .nan
            tracks.agent.frames[index].hnrDb = -.infinity
            tracks.agent.frames[index].jitterLocal = .infinity
            tracks.agent.frames[index].f0Hz = .infinity
        }
        let result = ConversationAnalyzer.analyze(agent: tracks.agent, customer: tracks.customer, mixed: nil, words: [])
        let json = try JSONEncoder().encode(result.stats)
        #expect(!json.isEmpty)
        #expect(result.stats.agent?.voice.hnrDb == 15)
    }
}
