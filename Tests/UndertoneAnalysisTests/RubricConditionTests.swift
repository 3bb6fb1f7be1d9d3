import Foundation
import Testing
@testable import UndertoneAnalysis
@testable import UndertoneConversation
@testable import UndertoneRubrics
@testable import UndertoneSentiment
@testable import UndertoneTranscripts

/// Every kind of condition, evaluated on a designed billing-dispute call with a hand-built conversation analysis.
@Suite struct RubricConditionTests {
    static let fixture = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("AudioFixtures/rubrics/every-condition.yaml")

    /// The designed call: words 0.3 s long every 0.4 s; a 7 s dead air and a 17.9 s hold between 0:15.1 and 0:40.
    static func dispute() -> DesignedCall {
        var call = DesignedCall()
        call.say(.agent, "Thank you for calling Acme, this is Dana.", at: 0.4)
        call.say(.customer, "Hi, I was charged twice for my subscription.")
        call.say(.agent, "That's our policy, we can't refund duplicate charges.")
        call.say(.customer, "That is ridiculous.")
        call.say(.agent, "Unfortunately I cannot change it.")
        call.say(.agent, "Unfortunately the system is down.", at: 40)
        call.say(.customer, "Fine.")
        call.say(.agent, "Is there anything else I can help you with?")
        call.say(.customer, "No, bye.")
        return call
    }

    /// Speech segments of the design: each run of one party's words.
    static func speech(of call: DesignedCall) -> [SpeechSegment] {
        var segments: [SpeechSegment] = []
        for word in call.words {
            if let last = segments.last, last.speaker == word.role, word.start - last.end < 0.5 {
                segments[segments.count - 1].end = word.end
            } else {
                segments.append(SpeechSegment(speaker: word.role!, start: word.start, end: word.end))
            }
        }
        return segments
    }

    static let deadAir = Pause(kind: .deadAir, start: 15.1, end: 22.1, after: .agent, afterText: "Unfortunately I cannot change it.")
    static let hold = Pause(kind: .hold, start: 22.1, end: 40, after: .agent, afterText: nil)
    static let overlaps = [
        Overlap(start: 6.8, end: 7.2, interrupter: .agent, kind: .interruption),
        Overlap(start: 9.0, end: 9.3, interrupter: .customer, kind: .backchannel),
        Overlap(start: 14.8, end: 15.1, interrupter: .customer, kind: .interruption),
    ]
    static let customerScores = [-0.3, -0.7, -0.2, 0.3]

    static func context(_ call: DesignedCall, metadata: CallMetadata = CallMetadata(company: "Acme")) -> RubricContext {
        let turns = speech(of: call).filter { $0.speaker == .customer }
        let sentiment = SentimentReport(turns: zip(turns, customerScores).map { turn, score in
            SentimentTurn(speaker: .customer, start: turn.start, end: turn.end, text: "", score: score, textScore: score, arousal: nil)
        })
        return call.context(
            metadata: metadata, duration: 49,
            conversation: .init(speech: speech(of: call), pauses: [deadAir, hold], overlaps: overlaps),
            sentiment: sentiment, loudness: [.agent: [0, 50, 70, 60]])
    }

    let call = Self.dispute()
    let results: [CriterionResult]

    init() throws {
        let template = try RubricTemplate.load(contentsOf: Self.fixture)
        results = RubricEvaluator.evaluate(template, in: Self.context(call))
    }

    @Test func designedLayoutIsAsDocumented() {
        #expect(abs(call.span(of: "it.").end - 15.1) < 1e-9)
        #expect(call.span(of: "bye.").end < 49)
        #expect(results.count == 40)
    }

    @Test(arguments: [
        ("saidContraction", true), ("saidExpandedContraction", true), ("notSaidPolicy", false), ("atMostOnce", false),
        ("atLeastTwice", true), ("pattern", true), ("exactPatternKeepsCase", false), ("patternIgnoresCase", true),
        ("wrongSpeaker", false), ("withinSeconds", true), ("withinSpan", false), ("customStage", true), ("lastSeconds", true),
        ("lastTurns", false), ("firstTurns", true), ("orderKept", true), ("orderBroken", false), ("orderNothingToOrder", true),
        ("firstAgentWord", true), ("customerResponse", false), ("deadAirCount", false), ("longestDeadAir", true),
        ("holdSeconds", false), ("agentInterruptions", false), ("allInterruptions", true), ("talkRatio", false),
        ("wordsPerMinute", true), ("sentimentRecovers", true), ("loudness", false), ("peakLoudness", true),
        ("metadataPresent", true), ("placeholder", true), ("allOf", false), ("anyOf", true), ("notOf", true),
        ("ifThenElse", true), ("scaled", false), ("autoFailPolicy", false),
    ])
    func conditionGivesTheDesignedVerdict(id: String, passes: Bool) {
        let result = results[id: id]
        #expect(result.applicable)
        #expect(result.passed == passes, "\(id): \(result.justification)")
        #expect(!result.justification.isEmpty && !result.justification.contains("\n"))
    }

    @Test func phraseEvidenceSitsOnTheMatchedWordsDespiteContractionsAndPunctuation() {
        expectEvidence(results[id: "saidContraction"].evidence.first, at: call.span(of: "That's our policy,"), speaker: .agent, text: "That's our policy,")
        expectEvidence(results[id: "saidExpandedContraction"].evidence.first, at: call.span(of: "we can't refund"), speaker: .agent)
        expectEvidence(results[id: "notSaidPolicy"].evidence.first, at: call.span(of: "That's our policy,"), speaker: .agent)
        #expect(results[id: "notSaidPolicy"].justification == "Agent said 'That's our policy,' at 0:07.8")
        expectEvidence(results[id: "pattern"].evidence.first, at: call.span(of: "charged twice"), speaker: .customer)
        expectEvidence(results[id: "patternIgnoresCase"].evidence.first, at: call.span(of: "Acme,"), speaker: .agent)
        expectEvidence(results[id: "placeholder"].evidence.first, at: call.span(of: "Acme,"), speaker: .agent)
        expectEvidence(results[id: "firstTurns"].evidence.first, at: call.span(of: "this is Dana."), speaker: .agent)
        expectEvidence(results[id: "lastSeconds"].evidence.first, at: call.span(of: "anything else"), speaker: .agent)
    }

    @Test func countsListEveryOccurrence() {
        let atMost = results[id: "atMostOnce"]
        #expect(atMost.evidence.count == 2)
        expectEvidence(atMost.evidence.first, at: call.span(of: "Unfortunately", occurrence: 0), speaker: .agent)
        expectEvidence(atMost.evidence.last, at: call.span(of: "Unfortunately", occurrence: 1), speaker: .agent)
        #expect(atMost.justification == "Agent said 'Unfortunately' at 0:13.2, 'Unfortunately' at 0:40.0 — 2 times, at most 1 allowed")
        let stage = results[id: "customStage"]
        #expect(stage.evidence.count == 1)
        expectEvidence(stage.evidence.first, at: call.span(of: "Unfortunately", occurrence: 0), speaker: .agent)
    }

    @Test func fillersInsideAPhraseDoNotBreakTheMatch() throws {
        var hesitant = DesignedCall()
        hesitant.say(.agent, "Thank you, um, for calling Acme.", at: 1)
        let greeting = try template("""
            template: greeting
            criteria:
              - id: greeting
                check: {said: {by: agent, phrases: ["thank you for calling"]}}
            """)
        let result = RubricEvaluator.evaluate(greeting, in: hesitant.context())[id: "greeting"]
        #expect(result.passed == true)
        expectEvidence(result.evidence.first, at: hesitant.span(of: "Thank you, um, for calling"), speaker: .agent)
    }

    @Test func tooFewOccurrencesAreCountedInTheJustification() throws {
        let strict = try template("""
            template: strict
            criteria:
              - id: twice
                check: {said: {by: agent, phrases: [policy], atLeast: 2, atMost: 3}}
            """)
        let result = RubricEvaluator.evaluate(strict, in: Self.context(call))[id: "twice"]
        #expect(result.passed == false && result.evidence.count == 1)
        #expect(result.justification == "Agent said 'policy,' at 0:08.6 — only 1 of at least 2 times")
    }

    @Test func orderEvidenceShowsBothPhrases() {
        let kept = results[id: "orderKept"]
        expectEvidence(kept.evidence.first, at: call.span(of: "charged twice"), speaker: .customer)
        expectEvidence(kept.evidence.last, at: call.span(of: "our policy,"), speaker: .agent)
        let broken = results[id: "orderBroken"]
        #expect(broken.evidence.count == 1)
        expectEvidence(broken.evidence.first, at: call.span(of: "our policy,"), speaker: .agent)
        #expect(broken.justification == "Agent said 'our policy,' at 0:08.2 before any 'I understand' by the agent")
    }

    @Test func timingMeasuresFromTheRightReference() {
        expectEvidence(results[id: "firstAgentWord"].evidence.first, at: call.span(of: "Thank"), speaker: .agent, text: "Thank")
        let response = results[id: "customerResponse"]
        expectEvidence(response.evidence.first, at: call.span(of: "Hi,"), speaker: .customer)
        #expect(response.justification.contains("0.6 s after the agent's first turn"))
    }

    @Test func metricsMeasureTheDesignedFigures() throws {
        let deadAir = results[id: "deadAirCount"]
        expectEvidence(deadAir.evidence.first, at: (15.1, 22.1), speaker: nil)
        #expect(deadAir.justification == "Dead air count in the call: 1 (allowed: at most 0): 0:15.1–0:22.1")
        #expect(results[id: "longestDeadAir"].justification.contains(": 7 s "))
        #expect(results[id: "holdSeconds"].justification.contains(": 17.9 s "))
        expectEvidence(results[id: "agentInterruptions"].evidence.first, at: (6.8, 7.2), speaker: .agent)
        #expect(results[id: "allInterruptions"].evidence.count == 2)

        let segments = Self.speech(of: call)
        let agentTalk = segments.filter { $0.speaker == .agent }.reduce(0) { $0 + $1.end - $1.start }
        let allTalk = segments.reduce(0) { $0 + $1.end - $1.start }
        #expect(results[id: "talkRatio"].justification.contains(": \(ConditionEvaluator.number(agentTalk / allTalk)) "))
        // 35 agent words over five turns of 8, 8, 5, 5 and 9 words, each n × 0.4 − 0.1 s long.
        let expectedWPM = 35 / (3.1 + 3.1 + 1.9 + 1.9 + 3.5) * 60
        #expect(results[id: "wordsPerMinute"].justification.contains(": \(ConditionEvaluator.number(expectedWPM)) wpm "))
        #expect(results[id: "sentimentRecovers"].justification.contains(": 0.6 "))
        #expect(results[id: "loudness"].justification.contains(": 60 "))
        #expect(results[id: "peakLoudness"].justification.contains(": 70 "))
    }

    @Test func combinationsExplainThemselves() {
        #expect(results[id: "allOf"].justification == results[id: "notSaidPolicy"].justification)
        expectEvidence(results[id: "anyOf"].evidence.first, at: call.span(of: "Thank you for calling"), speaker: .agent)
        #expect(results[id: "ifThenElse"].justification.contains("charged"))
    }

    @Test func notApplicableCriteriaSayWhy() {
        let noElse = results[id: "ifWithoutElse"]
        #expect(!noElse.applicable && noElse.justification == "N/A: Metadata has no customerName")
        let precondition = results[id: "notApplicable"]
        #expect(!precondition.applicable && precondition.justification == "N/A: No 'supervisor' in the call")
    }

    @Test func metricsWithoutTheirInputAreNotApplicable() throws {
        let template = try RubricTemplate.load(contentsOf: Self.fixture)
        let bare = RubricEvaluator.evaluate(template, in: call.context(metadata: CallMetadata(company: "Acme"), duration: 49))
        for id in ["holdSeconds", "agentInterruptions", "sentimentRecovers", "loudness"] {
            #expect(!bare[id: id].applicable, "\(id)")
            #expect(bare[id: id].justification.hasPrefix("N/A: "))
        }
        // Dead air falls back to word timings: one silence from the end of "it." to "Unfortunately" at 0:40.
        expectEvidence(bare[id: "deadAirCount"].evidence.first, at: (15.1, 40), speaker: nil)
        #expect(bare[id: "deadAirCount"].justification.contains("estimated from word timings"))
    }

    @Test func scaledScoringGradesTheCount() {
        let scaled = results[id: "scaled"]
        #expect(scaled.score == 0.5)
        #expect(scaled.passed == false)
    }

    @Test func autoFailZeroesTheTemplateScore() {
        #expect(RubricEvaluator.score(results) == 0)
        let withoutAutoFail = results.filter { $0.id != "autoFailPolicy" }
        let applicable = withoutAutoFail.filter(\.applicable)
        let expected = applicable.reduce(0) { $0 + ($1.score ?? 0) * $1.weight } / applicable.reduce(0) { $0 + $1.weight } * 100
        #expect(RubricEvaluator.score(withoutAutoFail) == expected)
        #expect(applicable.count == withoutAutoFail.count - 2)
    }

    @Test func weightsDecideTheScore() throws {
        let weighted = try template("""
            template: weights
            criteria:
              - id: heavy
                weight: 3
                check: {said: {phrases: ["thank you for calling"]}}
              - id: light
                weight: 1
                check: {said: {phrases: [supervisor]}}
              - id: skipped
                weight: 5
                applies: {metadata: customerName}
                check: {said: {phrases: [hello]}}
            """)
        let scored = RubricEvaluator.evaluate(weighted, in: Self.context(call))
        #expect(RubricEvaluator.score(scored) == 75)
    }
}
