public import UndertoneAudio

/// One alert of the live engine, printed by `undertone live` as a JSON line.
public struct LiveAlert: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Nobody has spoken and no music has played for the dead-air threshold.
        case deadAir
        /// Hold music or announcements have lasted the long-hold threshold.
        case longHold
        /// A party interrupted the other several times within a short window.
        case interruption
        /// A party's loudness stayed well above their own running baseline.
        case raisedVoice
        /// A party's syllable rate stayed above the fast-speech threshold.
        case fastSpeech
        /// The agent finished a turn and the customer has stayed silent.
        case customerSilenceAfterAgent
        /// A configured phrase appeared in the live transcript.
        case phrase
        /// An utterance of the live transcript scored below the sentiment threshold.
        case sentiment
        /// A party's sentiment changed as the report's sentiment moments do (`SentimentMomentFinder`, text scores).
        case sentimentMoment
    }

    public var kind: Kind
    /// Seconds into the stream when the alert fired.
    public var audioTime: Double
    /// When the condition began, seconds into the stream.
    public var start: Double
    /// The party concerned, when there is one.
    public var speaker: Speaker?
    /// One human-readable line.
    public var summary: String

    public init(kind: Kind, audioTime: Double, start: Double, speaker: Speaker?, summary: String) {
        self.kind = kind
        self.audioTime = audioTime
        self.start = start
        self.speaker = speaker
        self.summary = summary
    }
}
