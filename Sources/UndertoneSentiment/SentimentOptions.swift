public import UndertoneAudio
public import UndertoneTranscripts

/// How `SentimentAnalyzer` builds a report.
public struct SentimentOptions: Sendable {
    /// Roles whose emotions must not be inferred from their voice (workplace rules in some regions forbid it for
    /// employees). Their arousal is nil and their scores are text-only; the report lists them.
    public var voiceEmotionDisabled: Set<Speaker>
    /// Which audio channel carries which party; nil for a mono call.
    public var channels: ChannelMap?
    /// How strongly arousal scales text valence (the `gain` of `SentimentAnalyzer`'s fusion rule).
    public var arousalGain: Double
    /// How far raised arousal tilts neutral words negative (the `tilt` of `SentimentAnalyzer`'s fusion rule).
    public var arousalTilt: Double
    /// The smallest change between a party's consecutive turns that counts as a turning point.
    public var turningPointThreshold: Double
    /// Seconds between arc points.
    public var arcStep: Double
    /// Points on each side of an arc point averaged into it (2 → a 5-point centred mean).
    public var arcSmoothingRadius: Int
    /// The change between quarters an arc must show to be called anything but flat.
    public var shapeThreshold: Double
    /// Silence after which a party's next words start a new turn.
    public var maxTurnGap: Double

    public init(
        voiceEmotionDisabled: Set<Speaker> = [], channels: ChannelMap? = .agentFirst,
        arousalGain: Double = 0.5, arousalTilt: Double = 0.3, turningPointThreshold: Double = 0.35, arcStep: Double = 1,
        arcSmoothingRadius: Int = 2, shapeThreshold: Double = 0.2, maxTurnGap: Double = TurnSegmenter.defaultMaxGap
    ) {
        self.voiceEmotionDisabled = voiceEmotionDisabled
        self.channels = channels
        self.arousalGain = arousalGain
        self.arousalTilt = arousalTilt
        self.turningPointThreshold = turningPointThreshold
        self.arcStep = arcStep
        self.arcSmoothingRadius = arcSmoothingRadius
        self.shapeThreshold = shapeThreshold
        self.maxTurnGap = maxTurnGap
    }
}
