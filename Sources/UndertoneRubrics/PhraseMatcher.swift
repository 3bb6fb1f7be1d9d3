import Foundation
import UndertoneAudio
import UndertoneTranscripts

/// One place where a phrase or pattern was said: the words it covers and their exact times.
struct PhraseMatch: Sendable {
    /// Indices of the matched words in the context's sorted words, in order.
    var words: [Int]
    var start: Double
    var end: Double
    var speaker: Speaker?
    /// The matched words as transcribed.
    var text: String

    var evidence: Evidence { Evidence(start: start, end: end, speaker: speaker, text: text) }
}

/// Finds phrases and patterns in the word sequence of one party, matching across word boundaries.
///
/// Matching runs per turn of the party (its words split at silences over a second), so a phrase never spans two
/// separate utterances, and maps every match back to the words it covers, which gives evidence exact word times.
struct PhraseMatcher {
    let context: RubricContext

    /// Throws when a pattern exceeds its matching budget (see ``BoundedPattern``) on this call's words.
    func matches(
        of condition: PhraseCondition, in range: ClosedRange<Double>
    ) throws(BoundedPattern.Failure) -> [PhraseMatch] {
        let words = context.words
        let candidates = words.indices.filter { condition.speaker == nil || words[$0].role == condition.speaker }
        let tokenPhrases = condition.phrases
            .flatMap { Placeholders.expand($0, with: context.metadata) }
            .map(TranscriptText.tokens)
            .filter { !$0.isEmpty }
        let patterns = compile(condition.patterns.map { "(?i)" + $0 }) { NSRegularExpression.escapedPattern(for: TranscriptText.tokens($0).joined(separator: " ")) }
        let exactPatterns = compile(condition.exactPatterns) { NSRegularExpression.escapedPattern(for: $0) }

        var found: [PhraseMatch] = []
        for turn in Turn.build(candidates, of: words) {
            let normalised = RunText(turn.words, of: words, normalised: true)
            var spans: [ClosedRange<Int>] = []
            for phrase in tokenPhrases { spans += normalised.find(phrase) }
            for pattern in patterns { spans += try normalised.find(pattern) }
            if !exactPatterns.isEmpty {
                let exact = RunText(turn.words, of: words, normalised: false)
                for pattern in exactPatterns { spans += try exact.find(pattern) }
            }
            for span in Self.merged(spans) {
                let indices = Array(turn.words[span])
                let first = words[indices.first!]
                guard range.contains(first.start) else { continue }
                found.append(PhraseMatch(
                    words: indices, start: first.start, end: indices.map { words[$0].end }.max()!, speaker: first.role,
                    text: indices.map { words[$0].text }.joined(separator: " ")))
            }
        }
        return found.sorted { $0.start < $1.start }
    }

    /// Compiles patterns after filling placeholders with the metadata, escaped; a pattern whose placeholder has no
    /// value is dropped (it cannot match this call).
    private func compile(_ patterns: [String], escape: (String) -> String) -> [BoundedPattern] {
        patterns.compactMap { pattern in
            Placeholders.fill(pattern, with: context.metadata, escape: escape).flatMap { try? BoundedPattern($0) }
        }
    }

    /// Spans (word positions within the run) with overlapping ones merged: one stretch of speech counts once even
    /// when several phrases of the list match it ("is there anything else" and "anything else I can help with"),
    /// and its evidence covers all of them.
    static func merged(_ spans: [ClosedRange<Int>]) -> [ClosedRange<Int>] {
        var kept: [ClosedRange<Int>] = []
        for span in spans.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = kept.last, last.overlaps(span) {
                kept[kept.count - 1] = last.lowerBound...max(last.upperBound, span.upperBound)
            } else {
                kept.append(span)
            }
        }
        return kept
    }
}

/// The text of one turn with a map from character offsets back to word positions.
private struct RunText {
    /// Tokens with the position (within the run) of the word each came from.
    var tokens: [(token: String, word: Int)] = []
    var text = ""
    /// UTF-8 offset range of each token in `text`.
    var offsets: [Range<Int>] = []

    init(_ run: [Int], of words: [Word], normalised: Bool) {
        for (position, index) in run.enumerated() {
            let pieces = normalised ? TranscriptText.tokens(words[index].text) : [words[index].text]
            for piece in pieces {
                if !text.isEmpty { text += " " }
                let start = text.utf8.count
                text += piece
                tokens.append((piece, position))
                offsets.append(start..<text.utf8.count)
            }
        }
    }

    /// Word-position spans where the token sequence occurs.
    func find(_ phrase: [String]) -> [ClosedRange<Int>] {
        guard !phrase.isEmpty, phrase.count <= tokens.count else { return [] }
        var spans: [ClosedRange<Int>] = []
        var index = 0
        while index + phrase.count <= tokens.count {
            if phrase.indices.allSatisfy({ tokens[index + $0].token == phrase[$0] }) {
                spans.append(tokens[index].word...tokens[index + phrase.count - 1].word)
                index += phrase.count
            } else {
                index += 1
            }
        }
        return spans
    }

    /// Word-position spans covered by the pattern's matches.
    func find(_ pattern: BoundedPattern) throws(BoundedPattern.Failure) -> [ClosedRange<Int>] {
        try pattern.matches(in: text).compactMap { match in
            let (lower, upper) = (match.lowerBound, match.upperBound)
            guard upper > lower else { return nil }
            let covered = offsets.indices.filter { offsets[$0].lowerBound < upper && offsets[$0].upperBound > lower }
            guard let first = covered.first, let last = covered.last else { return nil }
            return tokens[first].word...tokens[last].word
        }
    }
}
