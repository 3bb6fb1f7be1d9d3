import Testing
@testable import UndertoneAnalysis
@testable import UndertoneConversation
@testable import UndertoneRubrics
@testable import UndertoneSentiment
@testable import UndertoneTranscripts

/// The opening-30s audit on transcripts designed to pass every check, or to fail exactly one.
@Suite struct RubricOpeningTests {
    /// The lines of a model opening; a variant swaps one line for a same-length one without the behaviour.
    enum Line: CaseIterable {
        case greeting, agentName, customerReply, customerName, purpose, positiveReason, customerThanks, rest

        var good: String {
            switch self {
            case .greeting: "Thank you for calling Acme Bank."
            case .agentName: "My name is Dana."
            case .customerReply: "Hi, this is Luis Ortiz."
            case .customerName: "Thanks, Luis."
            case .purpose: "I see you were charged a late fee on your card."
            case .positiveReason: "Good news, I can lower your bill from today."
            case .customerThanks: "Great, thank you."
            case .rest: "It was only two days late."
            }
        }

        var speaker: Speaker { self == .customerReply || self == .customerThanks || self == .rest ? .customer : .agent }
    }

    /// Replacements that remove exactly one behaviour, keeping the word count.
    static let without: [String: (Line, String)] = [
        "greeting": (.greeting, "You've reached Acme Bank today."),
        "companyName": (.greeting, "Thank you for calling, go ahead."),
        "agentName": (.agentName, "Let me check."),
        "customerName": (.customerName, "Thanks for that."),
        "purpose": (.purpose, "Let me pull up the account on my screen right now."),
        "positiveReason": (.positiveReason, "One moment while I look at the notes here."),
    ]

    static let checkIDs = ["greeting", "companyName", "agentName", "customerName", "purpose", "positiveReason", "firstWordLatency", "noDeadAir"]

    static func opening(replacing replaced: Line? = nil, with text: String = "", start: Double = 0.4, silenceBefore: Line? = nil) -> DesignedCall {
        var call = DesignedCall()
        for line in Line.allCases {
            let pause = line == silenceBefore ? 6.0 : 0.6
            call.say(line.speaker, line == replaced ? text : line.good, at: call.words.isEmpty ? start : nil, pause: pause)
        }
        // The call goes on past the opening window, so no silence is read into its end.
        call.say(.agent, "I understand, let me remove that fee for you now.")
        call.say(.customer, "Thank you so much, that helps a lot.")
        call.say(.agent, "It is done and you will see it on your next statement.")
        return call
    }

    let auditor: OpeningAuditor

    init() throws {
        auditor = try OpeningAuditor.builtIn()
    }

    @Test func templateHasTheContractCheckIDs() {
        #expect(auditor.template.criteria.map(\.id) == Self.checkIDs)
        #expect(auditor.template.openingSeconds == 30)
    }

    @Test func designedPassingOpeningPassesEveryCheckWithEvidenceOnTheRightWords() throws {
        let call = Self.opening()
        #expect(call.end > 30)
        let audit = auditor.audit(call.context())
        #expect(audit.windowSeconds == 30)
        #expect(audit.checks.map(\.id) == Self.checkIDs)
        for check in audit.checks {
            #expect(check.passed == true, "\(check.id): \(check.justification)")
        }
        #expect(audit.score == 100)
        let checks = Dictionary(uniqueKeysWithValues: audit.checks.map { ($0.id, $0) })
        expectEvidence(checks["greeting"]?.evidence.first, at: call.span(of: "Thank you for calling"), speaker: .agent, text: "Thank you for calling")
        expectEvidence(checks["companyName"]?.evidence.first, at: call.span(of: "calling Acme"), speaker: .agent)
        expectEvidence(checks["agentName"]?.evidence.first, at: call.span(of: "My name is Dana."), speaker: .agent)
        expectEvidence(checks["customerName"]?.evidence.first, at: call.span(of: "Thanks, Luis."), speaker: .agent)
        expectEvidence(checks["purpose"]?.evidence.first, at: call.span(of: "you were charged a late fee on your card."), speaker: .agent)
        expectEvidence(checks["positiveReason"]?.evidence.first, at: call.span(of: "I can lower your bill from today."), speaker: .agent)
        expectEvidence(checks["firstWordLatency"]?.evidence.first, at: call.span(of: "Thank"), speaker: .agent, text: "Thank")
        #expect(checks["noDeadAir"]?.evidence.isEmpty == true)
        #expect(checks["greeting"]?.justification == "Agent said 'Thank you for calling' at 0:00.4")
    }

    @Test(arguments: ["greeting", "companyName", "agentName", "customerName", "purpose", "positiveReason"])
    func openingWithoutOneBehaviourFailsExactlyThatCheck(id: String) throws {
        let (line, text) = try #require(Self.without[id])
        let call = Self.opening(replacing: line, with: text)
        let audit = auditor.audit(call.context())
        let failed = audit.checks.filter { $0.passed == false }.map(\.id)
        #expect(failed == [id], "\(audit.checks.filter { $0.passed == false }.map(\.justification))")
        // The evidence of a missing behaviour is the stretch searched, with what the agent said there instead.
        let check = try #require(audit.checks.first { $0.id == id })
        let evidence = try #require(check.evidence.first)
        #expect(evidence.start == 0 && evidence.speaker == .agent)
        #expect(evidence.end == 30)
        #expect(evidence.text.hasPrefix(id == "greeting" ? "You've reached" : "Thank you for calling"))
        #expect((audit.score ?? 100) < 100)
    }

    @Test func missingGreetingIsJustifiedInOneLine() {
        let call = Self.opening(replacing: .greeting, with: "You've reached Acme Bank today.")
        let greeting = auditor.audit(call.context()).checks.first { $0.id == "greeting" }
        #expect(greeting?.justification == "No greeting by the agent in the first 30 s")
    }

    @Test func lateFirstWordFailsOnlyFirstWordLatency() throws {
        let call = Self.opening(start: 6.0)
        // The conversation layer classified the lead-in as ringing, not dead air: only the latency check fails.
        let audit = auditor.audit(call.context(conversation: .init()))
        #expect(audit.checks.filter { $0.passed == false }.map(\.id) == ["firstWordLatency"])
        let check = try #require(audit.checks.first { $0.id == "firstWordLatency" })
        expectEvidence(check.evidence.first, at: (6.0, 6.3), speaker: .agent, text: "Thank")
        #expect(check.justification == "Agent's first word 'Thank' at 0:06.0, 6 s after the call started (later than 5 s)")
    }

    @Test func deadAirInTheOpeningFailsNoDeadAirFromWordTimingsAndFromTheConversation() throws {
        let call = Self.opening(silenceBefore: .rest)
        let gapStart = call.span(of: "Great, thank you.").end
        let gapEnd = call.span(of: "It was").start
        #expect(gapEnd - gapStart == 6)
        #expect(gapEnd < 30)

        let estimated = auditor.audit(call.context())
        #expect(estimated.checks.filter { $0.passed == false }.map(\.id) == ["noDeadAir"])
        let fromWords = try #require(estimated.checks.first { $0.id == "noDeadAir" })
        expectEvidence(fromWords.evidence.first, at: (gapStart, gapEnd), speaker: nil)
        #expect(fromWords.justification.contains("estimated from word timings"))

        let pause = Pause(kind: .deadAir, start: gapStart + 0.1, end: gapEnd - 0.1, after: .customer, afterText: "Great, thank you.")
        let measured = auditor.audit(call.context(conversation: .init(pauses: [pause])))
        let fromConversation = try #require(measured.checks.first { $0.id == "noDeadAir" })
        #expect(fromConversation.passed == false)
        expectEvidence(fromConversation.evidence.first, at: (pause.start, pause.end), speaker: nil)
        #expect(!fromConversation.justification.contains("estimated"))
    }

    @Test func deadAirAfterTheOpeningWindowDoesNotCount() {
        var call = Self.opening()
        call.say(.agent, "Anything else?", pause: 8)
        let check = auditor.audit(call.context()).checks.first { $0.id == "noDeadAir" }
        #expect(check?.passed == true)
    }

    @Test func metadataNamesAreMatchedByAnyPartOfTheName() throws {
        let call = Self.opening()
        let metadata = CallMetadata(agentName: "Dana Reyes", customerName: "Luis Ortiz", company: "Acme Bank")
        let audit = auditor.audit(call.context(metadata: metadata))
        #expect(audit.checks.allSatisfy { $0.passed != false })
        let checks = Dictionary(uniqueKeysWithValues: audit.checks.map { ($0.id, $0) })
        expectEvidence(checks["customerName"]?.evidence.first, at: call.span(of: "Thanks, Luis."), speaker: .agent, text: "Thanks, Luis.")
        expectEvidence(checks["agentName"]?.evidence.first, at: call.span(of: "My name is Dana."), speaker: .agent)
        expectEvidence(checks["companyName"]?.evidence.first, at: call.span(of: "Acme Bank."), speaker: .agent)
    }

    @Test func metadataNameTakesPrecedenceOverAVocative() {
        let call = Self.opening()
        let audit = auditor.audit(call.context(metadata: CallMetadata(customerName: "Maria Lopez")))
        let check = audit.checks.first { $0.id == "customerName" }
        #expect(check?.passed == false)
        #expect(check?.justification == "No use of the customer's name by the agent in the first 30 s")
    }

    @Test func vocativeWithATitleIsFound() throws {
        let call = Self.opening(replacing: .customerName, with: "Hello, Mr. Ortiz.")
        let check = try #require(auditor.audit(call.context()).checks.first { $0.id == "customerName" })
        #expect(check.passed == true)
        expectEvidence(check.evidence.first, at: call.span(of: "Mr. Ortiz."), speaker: .agent)
    }

    @Test func scoreFollowsTheTemplateWeights() {
        // purpose (2) and positiveReason (2) fail: 7 of 11 weight points.
        var call = Self.opening(replacing: .purpose, with: "Let me pull up the account on my screen right now.")
        call.words = call.words.map { word in
            var word = word
            if ["lower", "bill"].contains(word.text) && word.start < 20 { word.text = "hmm" }
            return word
        }
        let audit = auditor.audit(call.context())
        #expect(Set(audit.checks.filter { $0.passed == false }.map(\.id)) == ["purpose", "positiveReason"])
        #expect(abs((audit.score ?? 0) - 700.0 / 11) < 1e-9)
    }
}
