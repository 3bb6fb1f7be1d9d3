public import UndertoneAudio
public import UndertoneConversation
import UndertoneTranscripts

/// Thresholds of the live alert engine. Defaults are documented in `docs/report-stats.md`.
public struct LiveAlertOptions: Sendable, Equatable {
    /// The conversation thresholds shared with the batch analyzer (dead air among them).
    public var conversation = ConversationOptions()
    /// Hold lasting this long raises `longHold`, seconds.
    public var longHoldSeconds: Double = 60
    /// `interruption` fires when one party makes this many interruptions …
    public var interruptionBurstCount: Int = 3
    /// … within this many seconds.
    public var interruptionBurstSeconds: Double = 60
    /// Loudness this far above the party's running baseline counts as raised, dB.
    public var raisedVoiceDb: Float = 8
    /// Raised loudness must last this long (counting speech frames), seconds.
    public var raisedVoiceSeconds: Double = 1
    /// Seconds of a party's speech before their baseline is trusted.
    public var raisedVoiceWarmupSeconds: Double = 5
    /// Estimated words per minute of talk time above which speech is fast (syllable nuclei ÷ `syllablesPerWord`,
    /// pauses excluded, so it runs higher than a words-per-minute figure that includes pauses): 260 is about
    /// 6 syllables a second.
    public var fastSpeechWordsPerMinute: Double = 260
    /// The fast-speech rate is measured over the party's last this many seconds of talk time (their own speech,
    /// pauses excluded), seconds.
    public var fastSpeechWindowSeconds: Double = 10
    /// The customer staying silent this long after the agent's turn raises `customerSilenceAfterAgent`, seconds.
    public var customerSilenceSeconds: Double = 3
    /// Raise `customerSilenceAfterAgent` only when the agent's last utterance in the live transcript ends with `?`
    /// (the default: a pause after "let me check" is the agent's, not an unanswered customer); false measures the
    /// silence after any agent turn, and is what a stream without a transcript needs.
    public var customerSilenceAfterQuestionsOnly = true
    /// Phrases to watch in live transcript words (case and punctuation ignored).
    public var phrases: [PhraseRule] = []
    /// An utterance scoring at or below this raises `sentiment` (scores are −1…1).
    public var negativeSentiment: Double = -0.5
    /// Words of one party further apart than this start a new turn for sentiment scoring, seconds; the default is
    /// the batch report's turn gap, so live and batch score the same turns.
    public var utteranceGapSeconds: Double = TurnSegmenter.defaultMaxGap
    /// How long after a word ends its transcript may still arrive, seconds. A turn closes on audio time once this
    /// long has passed beyond the turn gap (or earlier, when a later word shows the transcript has moved on), so a
    /// word released late still joins its turn as it does in batch.
    public var transcriptDelaySeconds: Double = 1
    /// After `raisedVoice`, `fastSpeech` or `sentiment` fires for a party, the same kind waits this long, seconds.
    public var cooldownSeconds: Double = 15

    public init() {}
}

/// A phrase to watch for, optionally only from one party.
public struct PhraseRule: Sendable, Equatable, Codable {
    public var phrase: String
    public var speaker: Speaker?

    public init(_ phrase: String, speaker: Speaker? = nil) {
        self.phrase = phrase
        self.speaker = speaker
    }
}

/// Scores a piece of text in −1 (negative) … 1 (positive), nil when it cannot (another language); supplied by the
/// caller so the live engine does not depend on any particular sentiment model.
public struct SentimentScorer: Sendable {
    public let score: @Sendable (String) -> Double?

    public init(_ score: @escaping @Sendable (String) -> Double?) {
        self.score = score
    }
}
