public import Foundation
public import UndertoneAudio

/// How to analyze a call. The defaults match Amazon Connect Contact Lens where it defines a figure.
public struct AnalysisOptions: Sendable, Equatable {
    /// Which channel is the agent and which the customer; nil: mono is one mixed track, stereo is agent first,
    /// more channels is an error asking for a map.
    public var channelMap: ChannelMap?
    /// Silence (no speech, no music) at least this long is dead air, in seconds.
    public var deadAirThreshold: Double
    /// Silences longer than this count towards Contact Lens non-talk time, in seconds.
    public var nonTalkThreshold: Double
    /// Extra rubric templates to score, besides the built-in ones.
    public var templates: [URL]
    /// Roles for which voice-based emotion inference is switched off.
    public var voiceEmotionDisabled: Set<Speaker>
    /// Whether the report carries per-frame tracks.
    public var includeFrames: Bool
    /// Whether to exchange agent and customer when the transcript's words fit the audio only that way round.
    public var fixRoles: Bool

    public init(
        channelMap: ChannelMap? = nil, deadAirThreshold: Double = 5, nonTalkThreshold: Double = 3,
        templates: [URL] = [], voiceEmotionDisabled: Set<Speaker> = [], includeFrames: Bool = false, fixRoles: Bool = false
    ) {
        self.fixRoles = fixRoles
        self.channelMap = channelMap
        self.deadAirThreshold = deadAirThreshold
        self.nonTalkThreshold = nonTalkThreshold
        self.templates = templates
        self.voiceEmotionDisabled = voiceEmotionDisabled
        self.includeFrames = includeFrames
    }
}

/// The files that make up one call.
public struct CallInput: Sendable, Equatable {
    public var audio: URL
    public var transcript: URL?
    /// One transcript per party instead of `transcript` (one file per channel): each file's words are that party's.
    public var partyTranscripts: [Speaker: URL]
    public var metadata: URL?

    public init(audio: URL, transcript: URL? = nil, partyTranscripts: [Speaker: URL] = [:], metadata: URL? = nil) {
        self.audio = audio
        self.transcript = transcript
        self.partyTranscripts = partyTranscripts
        self.metadata = metadata
    }
}
