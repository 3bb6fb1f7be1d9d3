import Foundation
import Testing
import UndertoneDSP

@testable import UndertoneAnalysis
@testable import UndertoneConversation
@testable import UndertoneRubrics
@testable import UndertoneSentiment
@testable import UndertoneTranscripts

/// The live alert engine on generated calls with known layouts.
@Suite struct LiveAlertEngineTests {
    /// Runs the engine over a call, handing it each word once the audio reaches the word's end.
    static func run(
        _ call: SyntheticCall, words: [Word] = [], options: LiveAlertOptions = LiveAlertOptions(),
        scorer: SentimentScorer? = nil
    ) -> [LiveAlert] {
        let tracks = call.tracks()
        var engine = try! LiveAlertEngine(options: options, sentimentScorer: scorer)
        let words = words.sorted { $0.end < $1.end }
        var nextWord = 0
        var alerts: [LiveAlert] = []
        for index in tracks.agent.frames.indices {
            while nextWord < words.count, words[nextWord].end <= engine.audioTime {
                alerts += engine.receive(words[nextWord])
                nextWord += 1
            }
            alerts += engine.process(tracks.agent.frames[index], tracks.customer.frames[index])
        }
        return alerts + engine.finish()
    }

    @Test func deadAirFiresWithinTwoTenthsOfASecondOfTheThreshold() {
        let alerts = Self.run(ConversationPauseTests.layout).filter { $0.kind == .deadAir }
        // The third alert is the 5 s of silence at the end of the recording, which live cannot know is the end.
        #expect(alerts.count == ConversationPauseTests.deadAirs.count + 1)
        for (alert, truth) in zip(alerts, ConversationPauseTests.deadAirs) {
            let due = truth.0 + 5
            #expect(alert.audioTime >= due - 0.3 && alert.audioTime <= due + 0.2, "\(alert)")
            #expect(abs(alert.start - truth.0) <= 0.3)
        }
    }

    @Test func liveDeadAirsAgreeWithTheBatchReport() {
        let batch = ConversationPauseTests.analyze(ConversationPauseTests.layout)
        let live = Self.run(ConversationPauseTests.layout).filter {
            $0.kind == .deadAir && $0.start < batch.stats.call.conversationSeconds
        }
        let deadAirs = batch.pauses.filter { $0.kind == .deadAir }
        #expect(live.count == deadAirs.count)
        for (alert, pause) in zip(live, deadAirs) {
            #expect(abs(alert.start - pause.start) < 0.005, "\(alert) vs \(pause)")
            let due = pause.start + batch.stats.call.deadAirThresholdSeconds
            #expect(alert.audioTime >= due - 0.005 && alert.audioTime <= due + 0.2, "\(alert)")
        }
    }

    @Test func calmCallRaisesNoAlerts() {
        let alerts = Self.run(ConversationStatsTests.layout)
        #expect(alerts.isEmpty, "\(alerts)")
    }

    @Test func longHoldAndSilenceAfterTheAgent() {
        var options = LiveAlertOptions()
        options.longHoldSeconds = 25
        options.customerSilenceAfterQuestionsOnly = false
        let alerts = Self.run(ConversationPauseTests.layout, options: options)
        let holds = alerts.filter { $0.kind == .longHold }
        #expect(holds.count == 1)
        #expect(abs((holds.first?.audioTime ?? 0) - 65.5) <= 0.2)
        let silences = alerts.filter { $0.kind == .customerSilenceAfterAgent }
        #expect(silences.map { ($0.start * 10).rounded() / 10 } == [10, 110])
        #expect(silences.allSatisfy { abs($0.audioTime - $0.start - 3) <= 0.2 })
    }

    @Test func silenceAfterAgentIsAfterQuestionsByDefault() {
        let options = LiveAlertOptions()
        let call = SyntheticCall(
            duration: 20, agent: [.init(start: 0, end: 3), .init(start: 7, end: 10)],
            customer: [.init(start: 14, end: 20)])
        let words =
            SyntheticCall.words(["Let", "me", "check."], from: 0, to: 3, role: .agent)
            + SyntheticCall.words(["Does", "that", "help?"], from: 7, to: 10, role: .agent)
        let alerts = Self.run(call, words: words, options: options).filter { $0.kind == .customerSilenceAfterAgent }
        #expect(alerts.map(\.start) == [10])
        #expect(alerts.first?.summary.hasSuffix("\"Does that help?\"") == true)
    }

    @Test func interruptionBurstFiresOnceForThreeInAMinute() {
        let call = SyntheticCall(
            duration: 45,
            agent: [.init(start: 0, end: 10), .init(start: 12.5, end: 25), .init(start: 27.5, end: 40)],
            customer: [.init(start: 5, end: 12), .init(start: 20, end: 27), .init(start: 35, end: 42)],
            vadNoise: true)
        let alerts = Self.run(call).filter { $0.kind == .interruption }
        #expect(alerts.count == 1)
        #expect(alerts.first?.speaker == .customer)
        #expect(abs((alerts.first?.start ?? 0) - 5) <= 0.3)
        // The third interruption is known once the customer has talked over the agent for 2 s.
        #expect(abs((alerts.first?.audioTime ?? 0) - 37) <= 0.3)
    }

    @Test func raisedVoiceFiresAboutASecondIntoShouting() {
        let call = SyntheticCall(
            duration: 40,
            agent: [.init(start: 0, end: 30, loudnessDb: -30), .init(start: 30, end: 33, loudnessDb: -18)],
            customer: [.init(start: 33.5, end: 40)])
        let alerts = Self.run(call).filter { $0.kind == .raisedVoice }
        #expect(alerts.count == 1)
        #expect(alerts.first?.speaker == .agent)
        let fired = alerts.first?.audioTime ?? 0
        #expect(fired >= 31 && fired <= 32, "\(fired)")
    }

    @Test func fastSpeechFiresAfterTenSecondsOfItsTalkTime() {
        // 7 syllables a second is 300 wpm; the customer's 10 s of talk are split by a pause, which does not count.
        let call = SyntheticCall(
            duration: 16, agent: [.init(start: 15, end: 16)],
            customer: [.init(start: 0, end: 6, syllableRate: 7), .init(start: 8, end: 14, syllableRate: 7)])
        let alerts = Self.run(call).filter { $0.kind == .fastSpeech }
        #expect(alerts.count == 1)
        #expect(alerts.first?.speaker == .customer)
        #expect(abs((alerts.first?.audioTime ?? 0) - 12) <= 0.2, "\(alerts)")
        #expect((alerts.first?.start ?? -1) <= 0.2, "\(alerts)")
    }

    @Test func aShortBurstOfFastSpeechInNormalSpeechIsNotFast() {
        // 4 s at 7 syllables a second inside 4.5 a second (195 wpm): its fastest 10 s of talk average 239 wpm, under 260.
        let call = SyntheticCall(
            duration: 20, agent: [.init(start: 19, end: 20)],
            customer: [.init(start: 0, end: 8, syllableRate: 4.5), .init(start: 8, end: 12, syllableRate: 7),
                       .init(start: 12, end: 18, syllableRate: 4.5)])
        #expect(Self.run(call).filter { $0.kind == .fastSpeech }.isEmpty)
    }

    @Test func phraseAndSentimentFromLiveWords() {
        var options = LiveAlertOptions()
        options.phrases = [PhraseRule("cancel my account", speaker: .customer), PhraseRule("cancel", speaker: .agent)]
        let call = SyntheticCall(
            duration: 14, agent: [.init(start: 0, end: 4.5)],
            customer: [.init(start: 5, end: 7), .init(start: 10, end: 12)])
        let words =
            SyntheticCall.words(["This", "is", "terrible", "service!"], from: 5, to: 7, role: .customer)
            + SyntheticCall.words(["I", "want", "to", "cancel", "my", "account."], from: 10, to: 12, role: .customer)
        let scorer = SentimentScorer { $0.contains("terrible") ? -0.8 : 0.2 }
        let alerts = Self.run(call, words: words, options: options, scorer: scorer)
        let phrases = alerts.filter { $0.kind == .phrase }
        #expect(phrases.count == 1)
        #expect(abs((phrases.first?.start ?? 0) - words[7].start) < 1e-9)
        let sentiment = alerts.filter { $0.kind == .sentiment }
        #expect(sentiment.count == 1)
        #expect(sentiment.first?.speaker == .customer)
        #expect(sentiment.first?.summary.contains("This is terrible service!") == true)
        // Closed on audio time, before the customer's next words: the turn gap (the batch turn gap, 1 s) and the
        // allowance for words released late (1 s) after its last word.
        let closedAt = sentiment.first?.audioTime ?? 0
        let due = words[3].end + options.utteranceGapSeconds + options.transcriptDelaySeconds
        #expect(closedAt > due && closedAt <= due + 0.2 && closedAt < words[4].start, "\(closedAt)")
    }

    @Test func monoCallRaisesDeadAirOnItsOneTrack() throws {
        let track = SyntheticCall(
            duration: 20, agent: [.init(start: 0, end: 5)], customer: [.init(start: 12, end: 20)], vadNoise: true
        ).mixedTrack()
        var engine = try LiveAlertEngine(speakers: [.mixed])
        var alerts: [LiveAlert] = []
        for frame in track.frames { alerts += engine.process(frame) }
        alerts += engine.finish()
        #expect(alerts.map(\.kind) == [.deadAir])
        #expect(abs((alerts.first?.audioTime ?? 0) - 10) <= 0.2)
    }

    @Test(arguments: [[], [Speaker.agent, .customer, .mixed], [.agent, .agent]])
    func unsupportedChannelSetupsAreRefusedWithAReason(_ speakers: [Speaker]) {
        #expect(throws: ChannelSetupError(speakers: speakers)) { try LiveAlertEngine(speakers: speakers) }
        let message = ChannelSetupError(speakers: speakers).description
        #expect(message.contains("one or two channels") && !message.contains("\n"))
    }

    @Test func alertsEncodeWithTheContractFields() throws {
        let alert = LiveAlert(kind: .deadAir, audioTime: 15, start: 10, speaker: nil, summary: "quiet")
        let json = try #require(String(data: JSONEncoder().encode(alert), encoding: .utf8))
        for key in ["\"kind\":\"deadAir\"", "\"audioTime\":15", "\"start\":10", "\"summary\":\"quiet\""] {
            #expect(json.contains(key), "\(json)")
        }
        #expect(try JSONDecoder().decode(LiveAlert.self, from: Data(json.utf8)) == alert)
    }
}
