import UndertoneAudio
import UndertoneTranscripts

/// Watches live transcript words for configured phrases and scores each finished utterance's sentiment.
///
/// Bounded: per party, the last few normalised tokens (as many as the longest phrase) and one open utterance of at most
/// `maximumUtteranceWords` words.
struct TranscriptWatch: Sendable {
    struct Utterance: Sendable {
        var speaker: Speaker
        var start: Double
        var end: Double
        var text: String
        var wordCount: Int
    }

    private let rules: [(rule: PhraseRule, tokens: [String])]
    private let longestPhrase: Int
    private let utteranceGap: Double
    private var recent: [Speaker: [(token: String, start: Double)]] = [:]
    private var open: [Speaker: Utterance] = [:]

    static let maximumUtteranceWords = 60

    init(options: LiveAlertOptions) {
        // The batch phrase matcher's normalisation (case, punctuation, contractions, fillers), so a live rule
        // "cannot" matches "can't" as a rubric phrase does.
        rules = options.phrases.map { rule in (rule, TranscriptText.tokens(rule.phrase)) }.filter { !$0.tokens.isEmpty }
        longestPhrase = rules.map(\.tokens.count).max() ?? 0
        utteranceGap = options.utteranceGapSeconds
    }

    /// Adds a word; returns the phrase rules it completes (with the phrase's start) and any utterance it closes.
    mutating func add(_ word: Word) -> (phrases: [(rule: PhraseRule, start: Double)], closed: Utterance?) {
        guard let speaker = word.role else { return ([], nil) }
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
        var closed: Utterance?
        if let current = open[speaker], word.start - current.end > utteranceGap {
            closed = current
            open[speaker] = nil
        }
        if var current = open[speaker] {
            if current.wordCount < Self.maximumUtteranceWords {
                current.text += " " + word.text
                current.wordCount += 1
            }
            current.end = word.end
            open[speaker] = current
        } else {
            open[speaker] = Utterance(speaker: speaker, start: word.start, end: word.end, text: word.text, wordCount: 1)
        }
        return (matches, closed)
    }

    /// Closes and returns the utterances whose last word ended more than the utterance gap before `time`
    /// (or all of them when `time` is infinite).
    mutating func closeUtterances(before time: Double) -> [Utterance] {
        let done = open.values.filter { time - $0.end > utteranceGap }
        for utterance in done { open[utterance.speaker] = nil }
        return done.sorted { $0.start < $1.start }
    }
}
