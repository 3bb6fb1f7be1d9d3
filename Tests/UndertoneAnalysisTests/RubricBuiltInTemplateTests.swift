import Testing
@testable import UndertoneAnalysis
@testable import UndertoneConversation
@testable import UndertoneRubrics
@testable import UndertoneSentiment
@testable import UndertoneTranscripts

/// The shipped backfire, empathy and resolution templates on calls designed to pass or fail each criterion.
@Suite struct RubricBuiltInTemplateTests {
    let backfire: RubricTemplate
    let empathy: RubricTemplate
    let resolution: RubricTemplate

    init() throws {
        backfire = try RubricTemplate.builtIn("backfire-phrases")
        empathy = try RubricTemplate.builtIn("empathy")
        resolution = try RubricTemplate.builtIn("resolution-confirmed")
    }

    // MARK: backfire phrases

    @Test func backfirePhrasesAreCaughtWithTheirWords() {
        var call = DesignedCall()
        call.say(.agent, "Thank you for calling, how can I help?", at: 0.5)
        call.say(.customer, "My router keeps dropping the connection.")
        call.say(.agent, "Unfortunately that model is old. That's our policy, we only replace new ones.")
        call.say(.customer, "So what do I do?")
        call.say(.agent, "Unfortunately I can only reset it. Is there anything else I can help you with?")
        call.say(.customer, "It still does not work.")
        let results = RubricEvaluator.evaluate(backfire, in: call.context())

        let policy = results[id: "policyStatement"]
        #expect(policy.passed == false)
        expectEvidence(policy.evidence.first, at: call.span(of: "That's our policy,"), speaker: .agent)

        let unfortunately = results[id: "unfortunatelyRepeated"]
        #expect(unfortunately.passed == false && unfortunately.evidence.count == 2)
        expectEvidence(unfortunately.evidence.last, at: call.span(of: "Unfortunately", occurrence: 1), speaker: .agent)

        let anythingElse = results[id: "anythingElseBeforeResolved"]
        #expect(anythingElse.passed == false)
        expectEvidence(anythingElse.evidence.first, at: call.span(of: "Is there anything else I can help you with?"), speaker: .agent)
        #expect(anythingElse.justification.hasPrefix("Agent said 'Is there anything else I can help you with?' at "))
        #expect(RubricEvaluator.score(results) == 0)
    }

    @Test func cleanCallPassesEveryBackfireCheck() {
        var call = DesignedCall()
        call.say(.agent, "Thank you for calling, how can I help?", at: 0.5)
        call.say(.customer, "My router keeps dropping the connection.")
        call.say(.agent, "Unfortunately that model needs a reset. Let me do that now. How is it now?")
        call.say(.customer, "Yes, that fixed it, thanks.")
        call.say(.agent, "Great. Is there anything else I can help you with?")
        let results = RubricEvaluator.evaluate(backfire, in: call.context())
        #expect(results.allSatisfy { $0.passed != false }, "\(results.filter { $0.passed == false }.map(\.justification))")
        let anythingElse = results[id: "anythingElseBeforeResolved"]
        expectEvidence(anythingElse.evidence.first, at: call.span(of: "that fixed it,"), speaker: .customer)
        expectEvidence(anythingElse.evidence.last, at: call.span(of: "Is there anything else I can help you with?"), speaker: .agent)
        #expect(RubricEvaluator.score(results) == 100)
    }

    // MARK: empathy

    @Test func acknowledgingTheChargeBeforePolicyPasses() {
        var call = DesignedCall()
        call.say(.customer, "There is a late fee on my bill that I did not expect.", at: 0.5)
        call.say(.agent, "I see the fee on your bill and I'm sorry about that.")
        call.say(.agent, "Our policy is to charge it after ten days, but I can waive it this time.")
        let results = RubricEvaluator.evaluate(empathy, in: call.context())
        let order = results[id: "acknowledgeBeforePolicy"]
        #expect(order.passed == true && order.applicable)
        expectEvidence(order.evidence.first, at: call.span(of: "I see the fee"), speaker: .agent)
        expectEvidence(order.evidence.last, at: call.span(of: "Our policy"), speaker: .agent)
        expectEvidence(results[id: "empathyStatement"].evidence.first, at: call.span(of: "I'm sorry"), speaker: .agent)
        #expect(!results[id: "customerSentimentRecovers"].applicable)
    }

    @Test func leadingWithPolicyFails() {
        var call = DesignedCall()
        call.say(.customer, "There is a late fee on my bill that I did not expect.", at: 0.5)
        call.say(.agent, "Our policy is to charge late fees after ten days.")
        call.say(.agent, "I understand the fee is frustrating.")
        let results = RubricEvaluator.evaluate(empathy, in: call.context())
        let order = results[id: "acknowledgeBeforePolicy"]
        #expect(order.passed == false)
        expectEvidence(order.evidence.first, at: call.span(of: "Our policy"), speaker: .agent)
        expectEvidence(order.evidence.last, at: call.span(of: "I understand the fee"), speaker: .agent)
        #expect(order.justification.contains("came only at"))
    }

    @Test func noPolicyTalkMakesTheOrderCriterionNotApplicable() {
        var call = DesignedCall()
        call.say(.customer, "My order has not arrived.", at: 0.5)
        call.say(.agent, "I'm sorry about the delay, I will send a new one today.")
        let order = RubricEvaluator.evaluate(empathy, in: call.context())[id: "acknowledgeBeforePolicy"]
        #expect(!order.applicable && order.justification == "N/A: No policy explanation by the agent in the call")
    }

    @Test func customerSentimentFallingFailsWhenSentimentIsGiven() {
        var call = DesignedCall()
        call.say(.customer, "Hi there.", at: 0.5)
        call.say(.customer, "This is useless.", pause: 3)
        let turns = [
            SentimentTurn(speaker: .customer, start: 0.5, end: 1.2, text: "Hi there.", score: 0.2, textScore: 0.2, arousal: nil),
            SentimentTurn(speaker: .customer, start: 4.2, end: 5.3, text: "This is useless.", score: -0.6, textScore: -0.6, arousal: nil),
        ]
        let result = RubricEvaluator.evaluate(empathy, in: call.context(sentiment: SentimentReport(turns: turns)))[id: "customerSentimentRecovers"]
        #expect(result.applicable && result.passed == false)
        #expect(result.justification.hasPrefix("Customer sentiment change in the call: -0.8"))
        expectEvidence(result.evidence.last, at: (4.2, 5.3), speaker: .customer, text: "This is useless.")
    }

    // MARK: resolution confirmed

    static func supportCall(askingBeforeClosing: Bool) -> DesignedCall {
        var call = DesignedCall()
        call.say(.agent, "Thank you for calling Acme, how can I help?", at: 0.5)
        call.say(.customer, "My card was declined twice today.")
        call.say(.agent, "I have removed the block, please try the payment again now.", at: 70)
        call.say(.customer, "Okay, it went through.")
        if askingBeforeClosing {
            call.say(.agent, "Does that fix the problem for you?")
            call.say(.customer, "Yes, it does, thank you.")
        }
        call.say(.agent, "Thank you for calling, have a great day.")
        return call
    }

    @Test func askingBeforeClosingPasses() {
        let call = Self.supportCall(askingBeforeClosing: true)
        let results = RubricEvaluator.evaluate(resolution, in: call.context())
        #expect(results.allSatisfy { $0.passed != false }, "\(results.filter { $0.passed == false }.map(\.justification))")
        let check = results[id: "resolutionCheck"]
        expectEvidence(check.evidence.first, at: call.span(of: "Does that fix"), speaker: .agent)
        // The closing "thank you for calling" is the one in the last four turns, not the greeting.
        expectEvidence(check.evidence.last, at: call.span(of: "Thank you for calling,"), speaker: .agent)
        expectEvidence(results[id: "customerConfirms"].evidence.first, at: call.span(of: "Yes, it does,"), speaker: .customer)
    }

    @Test func closingWithoutAskingFails() {
        let call = Self.supportCall(askingBeforeClosing: false)
        let results = RubricEvaluator.evaluate(resolution, in: call.context())
        #expect(results.map(\.passed) == [false, false, false])
        expectEvidence(results[id: "resolutionCheck"].evidence.first, at: call.span(of: "Thank you for calling,"), speaker: .agent)
        #expect(results[id: "resolutionCheck"].justification.hasPrefix("Agent said 'Thank you for calling,' at 1:"))
    }
}
