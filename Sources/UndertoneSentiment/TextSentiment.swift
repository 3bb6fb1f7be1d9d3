/// The text-only sentiment of an utterance and what produced it.
public struct TextSentiment: Sendable, Codable, Equatable {
    /// Valence in [−1, 1].
    public var score: Double
    /// The words and phrases that carried sentiment, in order, with the rules that changed them.
    public var contributions: [SentimentContribution]
    /// Rules applied to whole sentences (exclamation and question-mark emphasis).
    public var sentenceRules: [String]
    /// Set when the text was not scored: "sentiment: English only" for text in another language (its `score` is 0
    /// and means nothing).
    public var note: String?

    public init(score: Double, contributions: [SentimentContribution], sentenceRules: [String], note: String? = nil) {
        self.score = score
        self.contributions = contributions
        self.sentenceRules = sentenceRules
        self.note = note
    }

    /// Whether the text was scored (it is English).
    public var isScored: Bool { note == nil }
}

/// One sentiment-bearing word or phrase.
public struct SentimentContribution: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case word, phrase
    }

    /// The word or the matched phrase, as written.
    public var term: String
    public var kind: Kind
    /// Valence from the lexicon, −4…4.
    public var lexiconValence: Double
    /// Valence after the rules, −4…4 (before the sum is squashed into [−1, 1]).
    public var valence: Double
    /// The rules that changed it, e.g. `negated by "not"`, `boosted by "really"`, `before "but" ×0.5`.
    public var rules: [String]

    public init(term: String, kind: Kind, lexiconValence: Double, valence: Double, rules: [String]) {
        self.term = term
        self.kind = kind
        self.lexiconValence = lexiconValence
        self.valence = valence
        self.rules = rules
    }
}
