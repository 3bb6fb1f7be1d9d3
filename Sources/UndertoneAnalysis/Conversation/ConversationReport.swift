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

/// Talk statistics of one party. Names and units are documented in `docs/report.md`.
public struct SpeakerStats: Sendable, Codable, Equatable {
    public var talkSeconds: Double
    public var talkRatio: Double

    public init(talkSeconds: Double = 0, talkRatio: Double = 0) {
        self.talkSeconds = talkSeconds
        self.talkRatio = talkRatio
    }
}

/// Whole-call statistics. Names and units are documented in `docs/report.md`.
public struct CallStats: Sendable, Codable, Equatable {
    public var durationSeconds: Double

    public init(durationSeconds: Double = 0) {
        self.durationSeconds = durationSeconds
    }
}

/// The statistics block of the report.
public struct StatsReport: Sendable, Codable, Equatable {
    public var agent: SpeakerStats?
    public var customer: SpeakerStats?
    public var call: CallStats

    public init(agent: SpeakerStats? = nil, customer: SpeakerStats? = nil, call: CallStats = CallStats()) {
        self.agent = agent
        self.customer = customer
        self.call = call
    }
}
