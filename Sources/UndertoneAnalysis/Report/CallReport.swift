public import UndertoneConversation
public import UndertoneSentiment
public import UndertoneRubrics

/// The analysis of one call: the JSON contract of `undertone analyze`, described by `report.schema.json`.
///
/// Times are seconds from the start of the call. The contract is versioned by `schemaVersion`; fields are only
/// ever added within a version.
public struct CallReport: Sendable, Codable, Equatable {
    public static let currentSchemaVersion = "1"

    public struct Engine: Sendable, Codable, Equatable {
        public var name: String
        public var version: String
    }

    public struct Call: Sendable, Codable, Equatable {
        /// The audio file's path as given, or the source name given with the bytes or the live tap.
        public var source: String
        /// Container and codec, e.g. `WAV (u-law)`.
        public var format: String
        /// The file's own sample rate in Hz.
        public var sampleRate: Int
        public var channels: Int
        public var durationSeconds: Double
    }

    public struct ChannelAssignment: Sendable, Codable, Equatable {
        /// The audio channel carrying the party, or nil when the call is mono.
        public var channel: Int?
    }

    public struct Speakers: Sendable, Codable, Equatable {
        public var agent: ChannelAssignment
        public var customer: ChannelAssignment
    }

    public var schemaVersion: String
    public var engine: Engine
    public var call: Call
    public var speakers: Speakers
    public var speech: [SpeechSegment]
    public var pauses: [Pause]
    public var overlaps: [Overlap]
    public var stats: StatsReport
    public var sentiment: SentimentReport
    public var opening: OpeningAudit?
    /// Every rubric template's score (the opening's first), auto-fail applied.
    public var templates: [TemplateScore] = []
    public var criteria: [CriterionResult]
    public var moments: [Moment]
    /// Per-frame tracks, present when `AnalysisOptions.includeFrames` is set.
    public var frames: FramesReport?
    /// Checks of the inputs that found something (mismatched transcript, silent audio, …), with a severity; each is
    /// also a line of `notes`.
    public var diagnostics: [Diagnostic] = []
    /// Things a reader should know about how the figures were obtained (mono call, estimated rates, …).
    public var notes: [String]
}

/// Per-frame tracks of the report, written when `AnalysisOptions.includeFrames` is set.
public struct FramesReport: Sendable, Codable, Equatable {
    public struct Track: Sendable, Codable, Equatable {
        public var speechProbability: [Float]
        public var voiced: [Bool]
        /// Fundamental frequency in Hz, nil when unvoiced.
        public var f0Hz: [Float?]
        public var loudnessDb: [Float]
    }

    /// Time of the first frame, seconds.
    public var start: Double
    /// Seconds between frames.
    public var step: Double
    /// Keyed by `agent`, `customer` or `mixed`.
    public var tracks: [String: Track]
}
