public import UndertoneAudio

/// A stretch in which one party speaks.
public struct SpeechSegment: Sendable, Codable, Equatable {
    public var speaker: Speaker
    public var start: Double
    public var end: Double

    public init(speaker: Speaker, start: Double, end: Double) {
        self.speaker = speaker
        self.start = start
        self.end = end
    }
}

/// A stretch in which nobody speaks.
public struct Pause: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// Neither party speaks and no music or announcement plays, for at least the dead-air threshold.
        case deadAir
        /// Music, tones or announcements on a line.
        case hold
        /// An ordinary gap between turns.
        case gap
    }

    public var kind: Kind
    public var start: Double
    public var end: Double
    /// Who spoke last before the pause.
    public var after: Speaker?
    /// The words of that last utterance, when a transcript is present.
    public var afterText: String?

    public init(kind: Kind, start: Double, end: Double, after: Speaker?, afterText: String?) {
        self.kind = kind
        self.start = start
        self.end = end
        self.after = after
        self.afterText = afterText
    }
}

/// Both parties speaking at once.
public struct Overlap: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        /// The second speaker takes the floor.
        case interruption
        /// A short acknowledgement ("mm-hm", "okay") that does not take the floor.
        case backchannel
    }

    public var start: Double
    public var end: Double
    /// The party who started speaking while the other was talking.
    public var interrupter: Speaker
    public var kind: Kind

    public init(start: Double, end: Double, interrupter: Speaker, kind: Kind) {
        self.start = start
        self.end = end
        self.interrupter = interrupter
        self.kind = kind
    }
}

/// Voice measurements over a party's speech. `nil` where the party has no (voiced) speech in the span.
///
/// Loudness is the mean of per-second values (see `SpeakerStats.loudnessPerSecond`); the others are means over
/// voiced speech frames. Definitions and units are in `docs/report-stats.md`.
public struct VoiceStats: Sendable, Codable, Equatable {
    /// Mean loudness, 0–100 (`LoudnessScale`), over the seconds in which the party speaks.
    public var loudness: Double?
    /// Mean fundamental frequency in Hz.
    public var f0MeanHz: Double?
    /// Mean fundamental frequency in semitones above 27.5 Hz (A0).
    public var f0MeanSemitones: Double?
    /// Pitch range: 95th minus 5th percentile of F0, in semitones.
    public var f0RangeSemitones: Double?
    /// Mean local jitter (fraction, 0.01 = 1 %).
    public var jitterLocal: Double?
    /// Mean local shimmer (fraction).
    public var shimmerLocal: Double?
    /// Mean harmonics-to-noise ratio, dB.
    public var hnrDb: Double?

    public init(
        loudness: Double? = nil, f0MeanHz: Double? = nil, f0MeanSemitones: Double? = nil,
        f0RangeSemitones: Double? = nil, jitterLocal: Double? = nil, shimmerLocal: Double? = nil, hnrDb: Double? = nil
    ) {
        self.loudness = loudness
        self.f0MeanHz = f0MeanHz
        self.f0MeanSemitones = f0MeanSemitones
        self.f0RangeSemitones = f0RangeSemitones
        self.jitterLocal = jitterLocal
        self.shimmerLocal = shimmerLocal
        self.hnrDb = hnrDb
    }
}

/// One quarter of a party's part of the call: Contact Lens splits `[0, the party's last word]` into four equal spans.
public struct QuarterStats: Sendable, Codable, Equatable {
    public var start: Double
    public var end: Double
    /// Seconds the party speaks within the quarter.
    public var talkSeconds: Double
    /// Words per minute of talk within the quarter (estimated from syllables when there is no transcript).
    public var wordsPerMinute: Double?
    public var voice: VoiceStats

    public init(start: Double, end: Double, talkSeconds: Double, wordsPerMinute: Double?, voice: VoiceStats) {
        self.start = start
        self.end = end
        self.talkSeconds = talkSeconds
        self.wordsPerMinute = wordsPerMinute
        self.voice = voice
    }
}

/// How quickly a party answers: the time from the other party's end of turn to this party's start.
public struct LatencyStats: Sendable, Codable, Equatable {
    /// Number of turn hand-overs measured.
    public var count: Int
    public var meanSeconds: Double?
    /// 90th percentile (nearest rank).
    public var p90Seconds: Double?
    public var longestSeconds: Double?

    public init(count: Int = 0, meanSeconds: Double? = nil, p90Seconds: Double? = nil, longestSeconds: Double? = nil) {
        self.count = count
        self.meanSeconds = meanSeconds
        self.p90Seconds = p90Seconds
        self.longestSeconds = longestSeconds
    }
}

/// Count, total and longest of one kind of pause.
public struct PauseSummary: Sendable, Codable, Equatable {
    public var count: Int
    public var totalSeconds: Double
    public var longestSeconds: Double

    public init(count: Int = 0, totalSeconds: Double = 0, longestSeconds: Double = 0) {
        self.count = count
        self.totalSeconds = totalSeconds
        self.longestSeconds = longestSeconds
    }
}

/// A stretch of Contact Lens non-talk time: hold, or nobody talking for longer than the non-talk threshold.
public struct NonTalkSpan: Sendable, Codable, Equatable {
    public var start: Double
    public var end: Double

    public init(start: Double, end: Double) {
        self.start = start
        self.end = end
    }
}

/// Talk statistics of one party. Names, units and definitions are in `docs/report-stats.md`.
public struct SpeakerStats: Sendable, Codable, Equatable {
    /// Seconds the party speaks.
    public var talkSeconds: Double
    /// Share of all talk, 0…1: this party's talk over the sum of both parties' talk.
    public var talkRatio: Double
    /// Talk over the conversation duration, percent (Contact Lens `PERCENT_TALK_TIME_AGENT/_CUSTOMER`).
    public var talkPercent: Double = 0
    /// Times the party takes the floor.
    public var turnCount: Int = 0
    /// Longest stretch the party holds the floor, seconds.
    public var longestMonologueSeconds: Double = 0
    /// Transcript words of the party, nil without a transcript.
    public var wordCount: Int?
    /// Words per minute of talk time (Contact Lens `AverageWordsPerMinute`).
    public var wordsPerMinute: Double?
    /// True when `wordsPerMinute` is estimated from syllable nuclei rather than counted from a transcript.
    public var wordsPerMinuteEstimated: Bool = false
    /// Syllable nuclei per second of talk.
    public var syllablesPerSecond: Double?
    public var voice: VoiceStats = VoiceStats()
    /// Loudness 0–100 for each second of the call (index = whole second); null where the party is silent.
    public var loudnessPerSecond: [Double?] = []
    public var responseLatency: LatencyStats = LatencyStats()
    /// Overlaps this party started that took the floor.
    public var interruptionCount: Int = 0
    /// Total duration of those overlaps, seconds.
    public var interruptionSeconds: Double = 0
    /// Overlaps this party started that were backchannels.
    public var backchannelCount: Int = 0
    /// Four quarters over `[0, the party's last word]`.
    public var quarters: [QuarterStats] = []

    public init(talkSeconds: Double = 0, talkRatio: Double = 0) {
        self.talkSeconds = talkSeconds
        self.talkRatio = talkRatio
    }
}

/// Whole-call statistics. Names, units and definitions are in `docs/report-stats.md`.
public struct CallStats: Sendable, Codable, Equatable {
    /// Length of the recording, seconds.
    public var durationSeconds: Double
    /// From the start of the call to the end of the last word or speech of either party (Contact Lens).
    public var conversationSeconds: Double = 0
    /// Seconds in which at least one party speaks (overlap counted once).
    public var talkSeconds: Double = 0
    /// `talkSeconds` over `conversationSeconds`, percent.
    public var talkPercent: Double = 0
    /// Contact Lens non-talk time: hold plus every stretch longer than the threshold in which nobody talks.
    public var nonTalkSeconds: Double = 0
    /// `nonTalkSeconds` over `conversationSeconds`, percent.
    public var nonTalkPercent: Double = 0
    /// The threshold used for non-talk time, seconds (Contact Lens: 3).
    public var nonTalkThresholdSeconds: Double = 3
    public var nonTalkInstances: [NonTalkSpan] = []
    /// Threshold used for dead air, seconds.
    public var deadAirThresholdSeconds: Double = 5
    public var deadAir: PauseSummary = PauseSummary()
    public var hold: PauseSummary = PauseSummary()
    /// Silence after the last speech, not counted as a pause, seconds.
    public var trailingSilenceSeconds: Double = 0
    /// Overlaps of at least the minimum overlap length, of either kind.
    public var overlapCount: Int = 0
    public var overlapSeconds: Double = 0
    public var interruptionCount: Int = 0
    public var interruptionSeconds: Double = 0
    public var backchannelCount: Int = 0
    /// Floor changes between the parties plus the first turn.
    public var turnCount: Int = 0
    /// Response latency over both parties.
    public var responseLatency: LatencyStats = LatencyStats()

    public init(durationSeconds: Double = 0) {
        self.durationSeconds = durationSeconds
    }
}

/// The statistics block of the report.
public struct StatsReport: Sendable, Codable, Equatable {
    public var agent: SpeakerStats?
    public var customer: SpeakerStats?
    /// The single track of a mono call without a transcript; nil otherwise.
    public var mixed: SpeakerStats?
    public var call: CallStats

    public init(
        agent: SpeakerStats? = nil, customer: SpeakerStats? = nil, mixed: SpeakerStats? = nil,
        call: CallStats = CallStats()
    ) {
        self.agent = agent
        self.customer = customer
        self.mixed = mixed
        self.call = call
    }
}
