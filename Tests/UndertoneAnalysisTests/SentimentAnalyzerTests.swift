import Testing
@testable import UndertoneAnalysis
import UndertoneDSP
@testable import UndertoneConversation
@testable import UndertoneRubrics
@testable import UndertoneSentiment
@testable import UndertoneTranscripts

/// Words of one turn spread evenly over `start…end`.
private func turnWords(_ text: String, role: Speaker, channel: Int, from start: Double, to end: Double) -> [Word] {
    let parts = text.split(separator: " ").map(String.init)
    let step = (end - start) / Double(parts.count)
    return parts.enumerated().map { index, part in
        Word(speaker: role.rawValue, channel: channel, start: start + Double(index) * step,
             end: start + Double(index + 1) * step, text: part, role: role)
    }
}

/// A track voiced in each span at the span's pitch and loudness, with a syllable nucleus every `1 / rate` seconds.
private func prosodyTrack(duration: Double, spans: [(start: Double, end: Double, f0: Float, loudness: Float, rate: Double)]) -> FrameTrack {
    var frames = [Frame](repeating: .silent, count: Int(duration / FrameClock.hop))
    for span in spans {
        let first = FrameClock.frame(at: span.start), last = min(frames.count, FrameClock.frame(at: span.end))
        let period = Int((1 / span.rate / FrameClock.hop).rounded())
        for index in first..<last {
            frames[index].energyDb = span.loudness
            frames[index].loudnessDb = span.loudness
            frames[index].f0Hz = span.f0
            frames[index].voiced = true
            frames[index].isSpeech = true
            frames[index].syllableNucleus = (index - first) % period == period / 2
        }
    }
    return FrameTrack(frames: frames)
}

@Suite struct SentimentAnalyzerTests {
    static let analyzer = try! SentimentAnalyzer()

    /// Agent on channel 0, customer on channel 1; the customer's third turn is louder, higher and faster.
    static func agitatedCall() -> (words: [Word], tracks: [FrameTrack]) {
        let customer: [(String, Double, Double)] = [
            ("I have a question about my bill.", 3, 6), ("It says I owe forty dollars.", 10, 13),
            ("This is the fourth time I'm calling about this!", 17, 20), ("Okay, thanks for checking.", 24, 27),
        ]
        let agent: [(String, Double, Double)] = [
            ("Thanks for calling, how can I help?", 0, 2.5), ("Let me look at that.", 7, 9.5),
            ("I see the charge on the account.", 14, 16.5), ("I'm so sorry, I've removed the charge.", 21, 23.5),
        ]
        let words = agent.flatMap { turnWords($0.0, role: .agent, channel: 0, from: $0.1, to: $0.2) }
            + customer.flatMap { turnWords($0.0, role: .customer, channel: 1, from: $0.1, to: $0.2) }
        let customerTrack = prosodyTrack(duration: 30, spans: customer.enumerated().map { index, turn in
            index == 2 ? (turn.1, turn.2, 260, -12, 6) : (turn.1, turn.2, 200, -24, 4)
        })
        let agentTrack = prosodyTrack(duration: 30, spans: agent.map { ($0.1, $0.2, 120, -22, 4.5) })
        return (words, [agentTrack, customerTrack])
    }

    @Test func arousalIsHighWhereTheVoiceRisesAboveTheSpeakersBaselineAndIntensifiesTheText() throws {
        let call = Self.agitatedCall()
        let report = Self.analyzer.analyze(words: call.words, tracks: call.tracks)
        let customer = report.turns.filter { $0.speaker == .customer }
        try #require(customer.count == 4)
        let arousal = customer.map { $0.arousal ?? .nan }
        #expect(arousal[2] > 0.6)
        #expect(arousal[0] < 0 && arousal[1] < 0 && arousal[3] < 0)
        #expect(customer[2].textScore < -0.3)
        #expect(customer[2].score < customer[2].textScore)  // agitation deepens the complaint
        #expect(abs(customer[3].score) <= abs(customer[3].textScore))  // calm speech damps
        let expected = customer[2].textScore * (1 + 0.5 * arousal[2]) - 0.3 * arousal[2] * (1 - abs(customer[2].textScore))
        #expect(abs(customer[2].score - expected) < 0.002)
        // Same voice all call long: the agent's arousal is ~0 and its scores are its text scores.
        for turn in report.turns where turn.speaker == .agent {
            #expect(abs(turn.arousal ?? 1) < 1e-6)
            #expect(turn.score == turn.textScore)
        }
    }

    @Test func agitationTiltsNeutralWordsNegativeButCalmLeavesThemAlone() throws {
        let lines = ["My account number is four five six.", "The order was placed on Monday.", "It was the blue model.",
                     "I paid with a card."]
        let words = lines.enumerated().flatMap { index, line in
            turnWords(line, role: .customer, channel: 1, from: Double(index) * 5, to: Double(index) * 5 + 3)
        }
        let calm: [(start: Double, end: Double, f0: Float, loudness: Float, rate: Double)] = [
            (0, 3, 190, -25, 4), (10, 13, 190, -25, 4), (15, 18, 190, -25, 4),
        ]
        let track = prosodyTrack(duration: 20, spans: calm + [(5, 8, 280, -10, 6.5)])
        let report = Self.analyzer.analyze(words: words, tracks: [FrameTrack(frames: []), track])
        try #require(report.turns.count == 4)
        #expect(report.turns.allSatisfy { $0.textScore == 0 })
        let scores = report.turns.map { $0.score }
        #expect(scores[1] < -0.2)
        #expect(scores[0] == 0 && scores[2] == 0 && scores[3] == 0)
        let plain = Self.analyzer.analyze(words: words, tracks: [FrameTrack(frames: []), track],
                                          options: SentimentOptions(arousalTilt: 0))
        #expect(plain.turns.allSatisfy { $0.score == 0 })
    }

    @Test func voiceEmotionCanBeSwitchedOffPerRole() {
        let call = Self.agitatedCall()
        let report = Self.analyzer.analyze(words: call.words, tracks: call.tracks, options: SentimentOptions(voiceEmotionDisabled: [.customer]))
        #expect(report.voiceEmotionDisabled == [.customer])
        for turn in report.turns where turn.speaker == .customer {
            #expect(turn.arousal == nil)
            #expect(turn.score == turn.textScore)
        }
        #expect(report.turns.filter { $0.speaker == .agent }.allSatisfy { $0.arousal != nil })
    }

    @Test func turningPointNamesTheOtherPartysWordsJustBefore() throws {
        let call = Self.agitatedCall()
        let report = Self.analyzer.analyze(words: call.words, tracks: call.tracks)
        let customerPoints = report.turningPoints.filter { $0.speaker == .customer }
        let drop = try #require(customerPoints.first { $0.to < $0.from })
        #expect(drop.time == 17)
        #expect(drop.trigger == Trigger(speaker: .agent, start: 14, end: 16.5, text: "I see the charge on the account."))
        let recovery = try #require(customerPoints.first { $0.to > $0.from })
        #expect(recovery.time == 24)
        #expect(recovery.trigger?.text == "I'm so sorry, I've removed the charge.")
        #expect(customerPoints.count == 2)
    }

    @Test func arcIsSampledEverySecondAndSmoothed() throws {
        let call = Self.agitatedCall()
        let report = Self.analyzer.analyze(words: call.words, tracks: call.tracks)
        let arc = try #require(report.arcs["customer"])
        #expect(arc.step == 1 && arc.points.count == 31)  // 0…30 s
        let turns = report.turns.filter { $0.speaker == .customer }
        // Well inside the long hold of turn 2 (13…17 s is still turn 2's score), the smoothed point equals it.
        #expect(abs(arc.points[14] - turns[1].score) < 0.001)
        // At 17 s the 5-point window straddles the drop: between the two turn scores.
        #expect(arc.points[17] < turns[1].score && arc.points[17] > turns[2].score)
        #expect(arc.quarters.count == 4)
        #expect(arc.shape == .dipAndRecover)
        #expect(report.arcs["mixed"] == nil)
    }

    @Test(arguments: [
        ([0.0, 0.05, -0.05, 0.1], ArcShape.flat),
        ([-0.6, -0.3, 0.1, 0.5], .rising),
        ([0.4, 0.2, -0.2, -0.5], .falling),
        ([0.0, 0.6, 0.3, -0.4], .spikeAndDrop),
        ([0.1, -0.6, -0.4, 0.3], .dipAndRecover),
        ([-0.5, -0.6, -0.2, 0.4], .rising),  // the middle barely dips below the start: still a rise
    ])
    func shapeRule(quarters: [Double], shape: ArcShape) {
        #expect(SentimentArcBuilder.shape(quarters: quarters, threshold: 0.2) == shape)
    }

    @Test func wordsCarryTheProsodyUnderThem() throws {
        let call = Self.agitatedCall()
        let fused = ProsodicWord.fuse(call.words, tracks: call.tracks, channels: .agentFirst)
        let loud = try #require(fused.first { $0.word.text == "fourth" }?.prosody)
        #expect(loud.meanF0Hz == 260 && loud.loudnessDb == -12 && loud.voicedShare == 1)
        let agentWord = try #require(fused.first { $0.word.text == "charge." }?.prosody)
        #expect(agentWord.meanF0Hz == 120)
        // Over the whole agitated turn nuclei come every 1/6 s.
        let turn = fused.filter { (17..<20).contains($0.word.start) && $0.word.role == .customer }
        let rate = turn.reduce(0) { $0 + $1.prosody!.syllableRate * ($1.word.end - $1.word.start) } / 3
        #expect(abs(rate - 6) < 0.5)
        // Without tracks there is no prosody.
        #expect(ProsodicWord.fuse(call.words, tracks: [], channels: nil).allSatisfy { $0.prosody == nil })
    }

    @Test func textOnlyAnalysisHasNoArousal() {
        let call = Self.agitatedCall()
        let report = Self.analyzer.analyze(words: call.words)
        #expect(report.turns.count == 8)
        #expect(report.turns.allSatisfy { $0.arousal == nil && $0.score == $0.textScore })
    }
}
