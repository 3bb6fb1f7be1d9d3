import Testing
@testable import UndertoneAnalysis
@testable import UndertoneConversation
@testable import UndertoneRubrics
@testable import UndertoneSentiment
@testable import UndertoneTranscripts

/// A call transcript laid out word by word with known times, so tests can assert evidence against the design.
///
/// Every word lasts `wordSeconds` and is followed by `wordGap`; an utterance starts `pause` after the previous one
/// ends, or at an explicit time.
struct DesignedCall {
    var words: [Word] = []
    var wordSeconds = 0.3
    var wordGap = 0.1

    /// Where the last word ends.
    var end: Double { words.map(\.end).max() ?? 0 }

    mutating func say(_ role: Speaker, _ text: String, at start: Double? = nil, pause: Double = 0.6) {
        var time = start ?? (words.isEmpty ? 0 : end + pause)
        for token in text.split(separator: " ") {
            words.append(Word(
                speaker: role == .agent ? "spk_0" : "spk_1", channel: role == .agent ? 0 : 1, start: time,
                end: time + wordSeconds, text: String(token), confidence: 0.95, role: role))
            time += wordSeconds + wordGap
        }
    }

    /// The designed start and end of the consecutive words reading `text` exactly as written (by `role` if given).
    func span(of text: String, by role: Speaker? = nil, occurrence: Int = 0) -> (start: Double, end: Double) {
        let tokens = text.split(separator: " ").map(String.init)
        let candidates = words.filter { role == nil || $0.role == role }
        var found: [(Double, Double)] = []
        if tokens.count <= candidates.count {
            for index in 0...(candidates.count - tokens.count)
            where tokens.indices.allSatisfy({ candidates[index + $0].text == tokens[$0] }) {
                found.append((candidates[index].start, candidates[index + tokens.count - 1].end))
            }
        }
        guard occurrence < found.count else {
            Issue.record("designed call has no '\(text)' (occurrence \(occurrence))")
            return (-1, -1)
        }
        return found[occurrence]
    }

    func context(
        metadata: CallMetadata = CallMetadata(), duration: Double? = nil, conversation: RubricContext.Conversation? = nil,
        sentiment: SentimentReport? = nil, loudness: [Speaker: [Double]] = [:]
    ) -> RubricContext {
        RubricContext(
            words: words, metadata: metadata, duration: duration ?? end, conversation: conversation, sentiment: sentiment,
            loudness: loudness)
    }
}

/// Asserts one piece of evidence sits exactly on the designed words.
func expectEvidence(
    _ evidence: Evidence?, at span: (start: Double, end: Double), speaker: Speaker?, text: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let evidence else {
        Issue.record("no evidence, expected \(span)", sourceLocation: sourceLocation)
        return
    }
    #expect(abs(evidence.start - span.start) < 1e-9, "start \(evidence.start) ≠ \(span.start)", sourceLocation: sourceLocation)
    #expect(abs(evidence.end - span.end) < 1e-9, "end \(evidence.end) ≠ \(span.end)", sourceLocation: sourceLocation)
    #expect(evidence.speaker == speaker, sourceLocation: sourceLocation)
    if let text { #expect(evidence.text == text, sourceLocation: sourceLocation) }
}

/// Parses a template written inline in a test, failing the test on an error.
func template(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> RubricTemplate {
    do {
        return try RubricTemplate.parse(yaml: yaml, source: "test.yaml")
    } catch {
        Issue.record("template did not parse: \(error)", sourceLocation: sourceLocation)
        throw error
    }
}

extension Array where Element == CriterionResult {
    subscript(id id: String) -> CriterionResult {
        guard let result = first(where: { $0.id == id }) else { fatalError("no criterion \(id)") }
        return result
    }
}
