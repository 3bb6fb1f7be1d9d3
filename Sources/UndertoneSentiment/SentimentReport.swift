public import UndertoneAudio

/// One speaker turn with its fused sentiment.
public struct SentimentTurn: Sendable, Codable, Equatable {
    public var speaker: Speaker
    public var start: Double
    public var end: Double
    public var text: String
    /// Fused score in [−1, 1].
    public var score: Double
    /// Text-only valence in [−1, 1].
    public var textScore: Double
    /// Acoustic arousal relative to the speaker's baseline, or nil when voice emotion is off for the speaker.
    public var arousal: Double?

    public init(speaker: Speaker, start: Double, end: Double, text: String, score: Double, textScore: Double, arousal: Double?) {
        self.speaker = speaker
        self.start = start
        self.end = end
        self.text = text
        self.score = score
        self.textScore = textScore
        self.arousal = arousal
    }
}

/// The shape of a party's sentiment over the call.
public enum ArcShape: String, Sendable, Codable, CaseIterable {
    case flat, rising, falling, spikeAndDrop, dipAndRecover
}

/// One party's sentiment over the call.
public struct SentimentArc: Sendable, Codable, Equatable {
    public var shape: ArcShape
    /// Seconds between points.
    public var step: Double
    /// Smoothed score every `step` seconds from the start of the call.
    public var points: [Double]
    /// Mean score per quarter of the party's part of the call.
    public var quarters: [Double]

    public init(shape: ArcShape, step: Double, points: [Double], quarters: [Double]) {
        self.shape = shape
        self.step = step
        self.points = points
        self.quarters = quarters
    }
}

/// What the other party said just before a turning point.
public struct Trigger: Sendable, Codable, Equatable {
    public var speaker: Speaker
    public var start: Double
    public var end: Double
    public var text: String

    public init(speaker: Speaker, start: Double, end: Double, text: String) {
        self.speaker = speaker
        self.start = start
        self.end = end
        self.text = text
    }
}

/// Where a party's sentiment moved by more than the threshold.
public struct TurningPoint: Sendable, Codable, Equatable {
    public var time: Double
    public var speaker: Speaker
    public var from: Double
    public var to: Double
    public var trigger: Trigger?

    public init(time: Double, speaker: Speaker, from: Double, to: Double, trigger: Trigger?) {
        self.time = time
        self.speaker = speaker
        self.from = from
        self.to = to
        self.trigger = trigger
    }
}

/// The sentiment block of the report.
public struct SentimentReport: Sendable, Codable, Equatable {
    public var turns: [SentimentTurn]
    public var arcs: [String: SentimentArc]
    public var turningPoints: [TurningPoint]
    /// The roles for which voice-based emotion inference was switched off.
    public var voiceEmotionDisabled: [Speaker]
    /// What was not scored and why, e.g. "sentiment: English only" with the turns in another language; nil when
    /// everything was.
    public var notes: [String]?

    public init(
        turns: [SentimentTurn] = [], arcs: [String: SentimentArc] = [:], turningPoints: [TurningPoint] = [],
        voiceEmotionDisabled: [Speaker] = [], notes: [String]? = nil
    ) {
        self.turns = turns
        self.arcs = arcs
        self.turningPoints = turningPoints
        self.voiceEmotionDisabled = voiceEmotionDisabled
        self.notes = notes
    }
}
