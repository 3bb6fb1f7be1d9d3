import Foundation
import Testing
@testable import UndertoneAnalysis
@testable import UndertoneConversation
@testable import UndertoneRubrics
@testable import UndertoneSentiment
@testable import UndertoneTranscripts

/// The generated fixture calls in `AudioFixtures/calls/`: their transcripts, metadata and designed truth.
@Suite struct RubricFixtureCallTests {
    static let calls = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("AudioFixtures/calls")

    /// The parts of a `.truth.json` the rubrics are checked against.
    struct Truth: Decodable {
        struct Span: Decodable {
            var start: Double
            var end: Double
            var speaker: Speaker?
            var text: String?
        }
        struct Silence: Decodable {
            var start: Double
            var end: Double
            var lastSpeaker: Speaker?
            var lastText: String?
        }
        struct Crossing: Decodable {
            var start: Double
            var end: Double
            var interrupter: Speaker
            var kind: Overlap.Kind
        }
        struct Opening: Decodable {
            var window: Double
            var checks: [String: Bool]
            var evidence: [String: [Span]]
        }
        var duration: Double
        var deadAir: [Silence]
        var holds: [Span]
        var overlaps: [Crossing]
        var opening: Opening?
    }

    struct Transcript: Decodable {
        var words: [Word]
    }

    /// The call's transcript with roles from the speaker labels, its metadata and its truth.
    static func load(_ name: String) throws -> (words: [Word], metadata: CallMetadata, truth: Truth) {
        func data(_ suffix: String) throws -> Data { try Data(contentsOf: calls.appendingPathComponent(name + suffix)) }
        let words = try JSONDecoder().decode(Transcript.self, from: try data(".json")).words.map { word in
            var word = word
            word.role = Speaker(rawValue: word.speaker)
            return word
        }
        var fields = try JSONDecoder().decode([String: String].self, from: try data(".meta.json"))
        let metadata = CallMetadata(
            agentName: fields.removeValue(forKey: "agentName"), customerName: fields.removeValue(forKey: "customerName"),
            company: fields.removeValue(forKey: "company"), fields: fields)
        return (words, metadata, try JSONDecoder().decode(Truth.self, from: try data(".truth.json")))
    }

    /// The conversation layer's answer as designed: the truth's dead air, holds and overlaps.
    static func conversation(_ truth: Truth) -> RubricContext.Conversation {
        .init(
            pauses: truth.deadAir.map { Pause(kind: .deadAir, start: $0.start, end: $0.end, after: $0.lastSpeaker, afterText: $0.lastText) }
                + truth.holds.map { Pause(kind: .hold, start: $0.start, end: $0.end, after: nil, afterText: nil) },
            overlaps: truth.overlaps.map { Overlap(start: $0.start, end: $0.end, interrupter: $0.interrupter, kind: $0.kind) })
    }

    @Test(arguments: ["opening-pass", "opening-fail", "sample-call"], [false, true])
    func openingAuditGivesTheDesignedAnswersAndEvidence(call: String, withConversation: Bool) throws {
        let (words, metadata, truth) = try Self.load(call)
        let designed = try #require(truth.opening)
        let context = RubricContext(
            words: words, metadata: metadata, duration: truth.duration,
            conversation: withConversation ? Self.conversation(truth) : nil)
        let audit = try OpeningAuditor.builtIn().audit(context)
        #expect(audit.windowSeconds == designed.window)
        for check in audit.checks {
            #expect(check.passed == designed.checks[check.id], "\(call) \(check.id): \(check.justification)")
            let expected = designed.evidence[check.id] ?? []
            // A designed pass (and the latency and dead-air checks either way) names its evidence words.
            guard check.passed == true || check.id == "firstWordLatency" || check.id == "noDeadAir" else { continue }
            // Word times are exact; silences estimated from word timings may differ from the audio's by the rounding
            // of the speech rule (5 ms).
            let tolerance = check.id == "noDeadAir" && !withConversation ? 0.01 : 1e-6
            for span in expected {
                #expect(
                    check.evidence.contains { abs($0.start - span.start) < tolerance && abs($0.end - span.end) < tolerance && $0.speaker == span.speaker },
                    "\(call) \(check.id): expected \(span.start)–\(span.end) '\(span.text ?? "")', got \(check.evidence.map { "\($0.start)–\($0.end) '\($0.text)'" })")
            }
            if expected.isEmpty { #expect(check.evidence.isEmpty, "\(call) \(check.id): \(check.evidence)") }
        }
        #expect(audit.score == (designed.checks.values.allSatisfy { $0 } ? 100 : 0))
    }

    @Test func sampleCallScoresTheDesignedBehavioursAndMoments() throws {
        let (words, metadata, truth) = try Self.load("sample-call")
        let context = RubricContext(words: words, metadata: metadata, duration: truth.duration, conversation: Self.conversation(truth))
        let analysis = RubricAnalysis(context, opening: try OpeningAuditor.builtIn(), templates: try RubricAnalysis.templates())

        // Designed: "That's our policy" at 0:35.9 after an acknowledgement of the drops; "Does that fix it for you?"
        // before the goodbye, confirmed by "Yes, it does."
        let failed = analysis.criteria.filter { $0.applicable && $0.passed == false }.map { "\($0.template)/\($0.id)" }
        #expect(failed == ["backfire-phrases/policyStatement"], "\(analysis.criteria.filter { $0.passed == false }.map(\.justification))")
        let policyWords = words.filter { $0.start >= 35.9 && $0.start < 36.5 }
        #expect(policyWords.map(\.text) == ["That's", "our", "policy"])
        let policy = try #require(analysis.criteria.first { $0.id == "policyStatement" }?.evidence.first)
        #expect(policy.start == policyWords.first?.start && policy.end == policyWords.last?.end)

        // Moments: the designed dead air and interruption, and the policy phrase; the 10 s hold is too short to flag
        // and backchannels never are.
        let moments = analysis.moments
        let deadAir = try #require(truth.deadAir.first)
        #expect(moments.contains { $0.kind == .deadAir && $0.start == deadAir.start && $0.end == deadAir.end })
        for overlap in truth.overlaps {
            #expect(moments.contains { $0.kind == .interruption && $0.start == overlap.start } == (overlap.kind == .interruption))
        }
        #expect(moments.contains { $0.kind == .backfirePhrase && $0.start == policy.start && $0.severity == .high })
        #expect(!moments.contains { $0.kind == .longHold })
        #expect(moments.map(\.start) == moments.map(\.start).sorted())
    }
}
