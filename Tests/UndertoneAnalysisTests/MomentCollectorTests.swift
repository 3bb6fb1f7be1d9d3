import Testing
@testable import UndertoneAnalysis
@testable import UndertoneConversation
@testable import UndertoneRubrics
@testable import UndertoneSentiment
@testable import UndertoneTranscripts

/// Moments worth replaying, from a hand-built analysis with one of each kind at known times.
@Suite struct MomentCollectorTests {
    static func context() -> (DesignedCall, RubricContext) {
        var call = DesignedCall()
        call.say(.agent, "Thanks for calling, this is Dana.", at: 0.5)
        call.say(.customer, "I was billed twice.", at: 4)
        call.say(.agent, "That's our policy, unfortunately.", at: 20)
        call.say(.customer, "That is not acceptable.", at: 40)
        call.say(.agent, "Unfortunately I cannot help. Is there anything else I can help with?", at: 400)
        let pauses = [
            Pause(kind: .gap, start: 2.9, end: 4, after: .agent, afterText: nil),
            Pause(kind: .deadAir, start: 6, end: 12, after: .customer, afterText: "I was billed twice."),
            Pause(kind: .deadAir, start: 50, end: 62, after: .customer, afterText: nil),
            Pause(kind: .deadAir, start: 62, end: 78, after: nil, afterText: nil),
            Pause(kind: .hold, start: 80, end: 110, after: .agent, afterText: nil),
            Pause(kind: .hold, start: 110, end: 200, after: .agent, afterText: "Let me check."),
            Pause(kind: .hold, start: 200, end: 350, after: .agent, afterText: nil),
        ]
        let overlaps = [
            Overlap(start: 13, end: 14, interrupter: .agent, kind: .interruption),
            Overlap(start: 15, end: 17.5, interrupter: .agent, kind: .interruption),
            Overlap(start: 18, end: 18.5, interrupter: .customer, kind: .interruption),
            Overlap(start: 19, end: 19.3, interrupter: .customer, kind: .backchannel),
        ]
        // Sentiment moments come from the scored turns (SentimentMomentFinder): a drop carried by the words after
        // the agent's policy line, held by the next turn; a drop in the voice alone (fused score) over a 6 s turn;
        // a rise over a 5 s turn at the end.
        func turn(_ speaker: Speaker, _ start: Double, _ end: Double, _ text: String, _ score: Double, text textScore: Double)
            -> SentimentTurn {
            SentimentTurn(speaker: speaker, start: start, end: end, text: text, score: score, textScore: textScore, arousal: nil)
        }
        let sentiment = SentimentReport(turns: [
            turn(.customer, 4, 5.5, "I was billed twice.", 0.3, text: 0.3),
            turn(.agent, 20, 22, "That's our policy, unfortunately.", 0, text: 0),
            turn(.customer, 40, 41.5, "That is not acceptable.", -0.3, text: -0.6),
            turn(.customer, 45, 51, "I have been waiting for weeks.", -0.9, text: -0.6),
            turn(.customer, 401, 406, "Well, that works for me then.", 0.1, text: 0.1),
        ])
        let context = call.context(
            duration: 410, conversation: .init(pauses: pauses, overlaps: overlaps), sentiment: sentiment)
        return (call, context)
    }

    @Test func everyKindIsFlaggedWithTheDesignedSeverityInTimeOrder() throws {
        let (call, context) = Self.context()
        let templates = [try RubricTemplate.builtIn("backfire-phrases"), try OpeningAuditor.builtIn().template]
        let criteria = templates.flatMap { RubricEvaluator.evaluate($0, in: context) }
        let moments = MomentCollector.collect(from: context, criteria: criteria, templates: templates)

        #expect(moments.map(\.start) == moments.map(\.start).sorted())
        let summary = moments.map { "\($0.kind.rawValue)@\(ConditionEvaluator.number($0.start)) \($0.severity.rawValue)" }
        let policy = call.span(of: "That's our policy,")
        let firstUnfortunately = call.span(of: "unfortunately.")
        let secondUnfortunately = call.span(of: "Unfortunately")
        let anythingElse = call.span(of: "Is there anything else I can help with?")
        #expect(summary == [
            // Opening failures point at the window searched (none is auto-fail, so medium).
            "failedCriterion@0 medium",  // companyName
            "failedCriterion@0 medium",  // customerName
            "failedCriterion@0 medium",  // purpose
            "failedCriterion@0 medium",  // positiveReason
            "deadAir@6 low",
            "interruption@13 medium",
            "interruption@15 high",
            "interruption@18 low",
            "backfirePhrase@\(ConditionEvaluator.number(policy.start)) high",  // ends before the drop's span
            "sentimentDrop@20 high",
            "backfirePhrase@\(ConditionEvaluator.number(firstUnfortunately.start)) medium",
            "sentimentDrop@45 low",
            "deadAir@50 medium",
            "deadAir@62 high",
            "longHold@110 low",
            "longHold@200 medium",
            "backfirePhrase@\(ConditionEvaluator.number(secondUnfortunately.start)) medium",
            "turningPoint@401 low",
            "backfirePhrase@\(ConditionEvaluator.number(anythingElse.start)) medium",
        ], "\(moments.map(\.summary))")
        // Overlapping phrases of one list ("is there anything else", "… I can help with") merge into one stretch.
        #expect(moments.last?.end == anythingElse.end)
        // The failed noDeadAir criterion points at the 0:06 dead air already flagged: it is not listed twice.
        #expect(criteria.contains { $0.id == "noDeadAir" && $0.passed == false })
    }

    @Test func momentsCarryTheRightSpansSpeakersAndSummaries() throws {
        let (call, context) = Self.context()
        let backfire = try RubricTemplate.builtIn("backfire-phrases")
        let moments = MomentCollector.collect(from: context, criteria: RubricEvaluator.evaluate(backfire, in: context), templates: [backfire])
        func moment(_ kind: Moment.Kind, at start: Double) throws -> Moment {
            try #require(moments.first { $0.kind == kind && abs($0.start - start) < 1e-9 })
        }
        let deadAir = try moment(.deadAir, at: 6)
        #expect(deadAir.end == 12 && deadAir.speaker == .customer)
        #expect(deadAir.summary == "6 s of dead air after the customer said 'I was billed twice.'")
        let hold = try moment(.longHold, at: 110)
        #expect(hold.summary == "Hold of 90 s after the agent said 'Let me check.'")
        let interruption = try moment(.interruption, at: 15)
        #expect(interruption.end == 17.5 && interruption.speaker == .agent && interruption.summary == "Agent talked over the customer for 2.5 s")
        // From the trigger's start to the end of the customer's turn that keeps the new level.
        let drop = try moment(.sentimentDrop, at: 20)
        #expect(drop.end == 51 && drop.speaker == .customer)
        #expect(drop.summary == "Customer sentiment fell from 0.3 to -0.6 after the agent said 'That's our policy, unfortunately.'")
        let policy = call.span(of: "That's our policy,")
        let phrase = try moment(.backfirePhrase, at: policy.start)
        #expect(phrase.end == policy.end && phrase.speaker == .agent)
        #expect(phrase.summary == "Agent said 'That's our policy,' (Agent does not hide behind \"that's our policy\")")
        #expect(!moments.contains { $0.kind == .longHold && $0.start == 80 })
        #expect(!moments.contains { $0.kind == .interruption && $0.start == 19 })
    }

    @Test func withoutConversationResultsDeadAirIsEstimatedFromWords() {
        var call = DesignedCall()
        call.say(.agent, "Hello there.", at: 0.2)
        call.say(.customer, "Hi.", at: 9)
        let moments = MomentCollector.collect(from: call.context(duration: 10))
        #expect(moments.count == 1)
        #expect(moments.first?.kind == .deadAir && moments.first?.start == call.span(of: "there.").end && moments.first?.end == 9)
    }

    @Test func aDropCarriedByTheVoiceAloneIsLowSeverityAndSaysSo() throws {
        // Each change is held for a turn of at least 5 s, so both are moments (SentimentMomentFinder).
        let turns = [
            SentimentTurn(speaker: .agent, start: 1, end: 3, text: "Let me look.", score: 0.3, textScore: 0.1, arousal: 0),
            SentimentTurn(speaker: .agent, start: 5, end: 11, text: "One moment.", score: -0.4, textScore: 0.1, arousal: 0.9),
            SentimentTurn(speaker: .customer, start: 12, end: 14, text: "That sounds fine.", score: 0.2, textScore: 0.2, arousal: 0),
            SentimentTurn(speaker: .customer, start: 15, end: 21, text: "This is ridiculous.", score: -0.7, textScore: -0.7, arousal: 0.5),
        ]
        let sentiment = SentimentReport(turns: turns)
        var call = DesignedCall()
        call.say(.agent, "Let me look.", at: 1)
        let moments = MomentCollector.collect(from: call.context(duration: 20, sentiment: sentiment))
        let agent = try #require(moments.first { $0.kind == .sentimentDrop && $0.speaker == .agent })
        #expect(agent.severity == .low)
        #expect(agent.summary.contains("tone of voice only"))
        let customer = try #require(moments.first { $0.kind == .sentimentDrop && $0.speaker == .customer })
        #expect(customer.severity == .high)
        #expect(!customer.summary.contains("tone of voice"))
    }
}
