/// Thresholds of the conversation layer. Every default is documented in `docs/report-stats.md`.
public struct ConversationOptions: Sendable, Equatable {
    /// Speech shorter than this (after bridging) is a VAD blip and ignored, seconds.
    public var minimumSpeechSeconds: Double = 0.1
    /// Silences inside one party's speech shorter than this are bridged, seconds.
    public var speechBridgeSeconds: Double = 0.15
    /// A segment's end is pulled back over trailing frames whose speech probability is below
    /// `confidentSpeechProbability` or whose energy is at the noise floor (the VAD's hangover and the network's
    /// lag), by at most this much, seconds.
    public var hangoverTrimSeconds: Double = 0.4
    public var confidentSpeechProbability: Float = 0.5
    /// When both channels hold speech and one is this many dB quieter than the other, the quieter one is taken
    /// for the louder one's echo or bleed, not speech; nil keeps every VAD decision.
    public var crosstalkMarginDb: Float? = 20
    /// A hold starts after this much music or tonal non-speech sound, seconds.
    public var minimumMusicSeconds: Double = 1.0
    /// Quiet breaks in a hold shorter than this, with no voice in them, are bridged (between tracks, ring-back's
    /// 4 s off-time), seconds.
    public var musicBridgeSeconds: Double = 4.5
    /// A hold ends when a voice is followed by this much quiet: a party picked up (an announcement's pauses are
    /// filled by the music), seconds.
    public var holdEndsAfterSpeechSeconds: Double = 0.3
    /// Silence at least this long, with no music, is dead air, seconds.
    public var deadAirSeconds: Double = 5
    /// Contact Lens non-talk time counts silences longer than this, seconds (Contact Lens: 3, fixed).
    public var nonTalkSeconds: Double = 3
    /// Silences shorter than this are not listed as pauses (they still count in latency), seconds.
    public var minimumGapSeconds: Double = 0.25
    /// Simultaneous speech shorter than this is not an overlap, seconds.
    public var minimumOverlapSeconds: Double = 0.3
    /// An overlapping stretch of speech shorter than this does not take the floor: a backchannel, seconds.
    public var backchannelSeconds: Double = 1.0
    /// With a transcript, a stretch made only of backchannel words stays a backchannel up to this long, seconds.
    public var backchannelWithWordsSeconds: Double = 2.0
    /// Acknowledgements that do not take the floor, lower case, without punctuation.
    public var backchannelVocabulary: Set<String> = [
        "mm", "mhm", "mm-hm", "mm-hmm", "mmhm", "uh-huh", "uhhuh", "uh", "huh", "hm", "hmm", "yeah", "yes", "yep",
        "yup", "okay", "ok", "right", "sure", "i", "see", "alright", "all", "got", "it", "oh", "ah", "aha", "true",
    ]
    /// A party's turn is split into monologues at its own silences longer than this, seconds.
    public var monologueBreakSeconds: Double = 3
    /// Average syllables per English word, used to estimate words per minute from syllable nuclei.
    public var syllablesPerWord: Double = 1.4

    public init() {}
}
