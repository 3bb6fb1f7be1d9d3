import UndertoneAudio
import UndertoneTranscripts

/// Watches live transcript words for configured phrases and cuts them into turns for sentiment scoring.
///
/// Turns come from `TurnBuilder`, the rule the batch report uses, so live and batch score the same turns. A turn
/// closes when the transcript moves past it (a word starting more than the turn gap after its end), when audio time
/// passes its end by the turn gap plus `transcriptDelaySeconds` (a word still being transcribed could join it until
/// then), or when the call ends.
///
/// Bounded: per party, the last few normalised tokens (as many as the longest phrase) and one open turn of at most
/// `TurnSegmenter.maximumWords` words.
struct TranscriptWatch: Sendable {
    struct Utterance: Sendable {
        var speaker: Speaker
        var start: Double
        var end: Double
        var text: String
        var words: [Word]
    }

    private let rules: [(rule: PhraseRule, tokens: [String])]
    private let longestPhrase: Int
    private var recent: [Speaker: [(token: String, start: Double)]] = [:]
    private var turns: TurnBuilder<Speaker, Word>

    init(options: LiveAlertOptions) {
        // The batch phrase matcher's normalisation (case, punctuation, contractions, fillers), so a live rule
        // "cannot" matches "can't" as a rubric phrase does.
        rules = options.phrases.map { rule in (rule, TranscriptText.tokens(rule.phrase)) }.filter { !$0.tokens.isEmpty }
        longestPhrase = rules.map(\.tokens.count).max() ?? 0
        turns = TurnBuilder(maxGap: options.utteranceGapSeconds)
    }

    /// Adds a word; returns the phrase rules it completes (with the phrase's start) and the turns it closes.
    mutating func add(_ word: Word) -> (phrases: [(rule: PhraseRule, start: Double)], closed: [Utterance]) {
        guard let speaker = word.role else { return ([], []) }
        let closed = turns.add(word, of: speaker, start: word.start, end: word.end)
        // A phrase never spans two turns, as in the batch matcher.
        for turn in closed { recent[turn.party] = nil }
        var matches: [(rule: PhraseRule, start: Double)] = []
        if longestPhrase > 0 {
            var tokens = recent[speaker, default: []]
            for token in TranscriptText.tokens(word.text) {
                tokens.append((token, word.start))
                if tokens.count > longestPhrase { tokens.removeFirst(tokens.count - longestPhrase) }
                for (rule, phrase) in rules where rule.speaker == nil || rule.speaker == speaker {
                    guard tokens.count >= phrase.count,
                        zip(tokens.suffix(phrase.count), phrase).allSatisfy({ $0.token == $1 })
                    else { continue }
                    matches.append((rule, tokens[tokens.count - phrase.count].start))
                }
            }
            recent[speaker] = tokens
        }
        return (matches, closed.map(Self.utterance))
    }

    /// Closes and returns the turns no word starting at `time` or later could join.
    mutating func close(before time: Double) -> [Utterance] {
        let closed = turns.close(endingBefore: time)
        // A phrase never spans two turns, as in the batch matcher.
        for turn in closed { recent[turn.party] = nil }
        return closed.map(Self.utterance)
    }

    /// Closes and returns the turns still open, at the end of the call.
    mutating func finish() -> [Utterance] {
        turns.finish().map(Self.utterance)
    }

    private static func utterance(_ turn: TurnBuilder<Speaker, Word>.Turn) -> Utterance {
        Utterance(
            speaker: turn.party, start: turn.start, end: turn.end, text: turn.items.map(\.text).joined(separator: " "),
            words: turn.items)
    }
}
