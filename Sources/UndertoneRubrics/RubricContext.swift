public import UndertoneAudio
public import UndertoneTranscripts
public import UndertoneConversation
public import UndertoneSentiment

/// Everything a rubric can look at for one call.
///
/// Only the words are required. Conversation, sentiment and loudness come from the other analysis layers when they
/// ran; a metric that needs a missing input makes its criterion N/A rather than failing it. Without conversation
/// results, dead air and talk figures are estimated from word timings (the justification says so).
public struct RubricContext: Sendable {
    /// Transcript words with `role` set, in any order (sorted on init).
    public var words: [Word]
    /// Fills template placeholders and decides `metadata` conditions.
    public var metadata: CallMetadata
    /// Length of the call in seconds (at least the end of the last word).
    public var duration: Double
    /// The conversation layer's results, nil when it did not run.
    public var conversation: Conversation?
    /// The sentiment layer's results, nil when it did not run.
    public var sentiment: SentimentReport?
    /// Loudness 0–100, one value per second of the call, per party.
    public var loudness: [Speaker: [Double]]
    /// Silences at least this long count as dead air when estimated from word timings.
    public var deadAirThreshold: Double
    /// Why the call has no words, when a transcript was given but withheld (it does not belong to the audio); nil
    /// means no transcript was given.
    public var transcriptWithheld: String?

    /// The conversation layer's results the rubrics use.
    public struct Conversation: Sendable {
        /// Who speaks when (talk ratio).
        public var speech: [SpeechSegment]
        /// Dead air and holds (gaps are ignored).
        public var pauses: [Pause]
        /// Interruptions (backchannels are ignored).
        public var overlaps: [Overlap]
        /// Talk statistics, carried for templates to come.
        public var stats: StatsReport?

        public init(speech: [SpeechSegment] = [], pauses: [Pause] = [], overlaps: [Overlap] = [], stats: StatsReport? = nil) {
            self.speech = speech
            self.pauses = pauses
            self.overlaps = overlaps
            self.stats = stats
        }
    }

    public init(
        words: [Word], metadata: CallMetadata = CallMetadata(), duration: Double? = nil, conversation: Conversation? = nil,
        sentiment: SentimentReport? = nil, loudness: [Speaker: [Double]] = [:], deadAirThreshold: Double = 5
    ) {
        self.words = words.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        self.metadata = metadata
        self.duration = max(duration ?? 0, self.words.last?.end ?? 0)
        self.conversation = conversation
        self.sentiment = sentiment
        self.loudness = loudness
        self.deadAirThreshold = deadAirThreshold
    }

    /// Whether any word is attributed to the agent or the customer.
    var hasRoles: Bool { words.contains { $0.role == .agent || $0.role == .customer } }

    /// Turns of the call, cut by the shared `TurnBuilder` rule.
    var turns: [Turn] { Turn.build(words.indices, of: words) }
}

/// A run of words by one party.
struct Turn: Sendable {
    var role: Speaker?
    /// Indices into the context's sorted words.
    var words: [Int]
    var start: Double
    var end: Double

    /// The turns of the words at `indices`, by the rule of `TurnBuilder` (words without a role are one party).
    static func build(_ indices: some Sequence<Int>, of words: [Word]) -> [Turn] {
        TurnBuilder.turns(of: indices.map { (words[$0].role, $0, words[$0].start, words[$0].end) })
            .map { Turn(role: $0.party, words: $0.items, start: $0.start, end: $0.end) }
    }
}
