public import UndertoneAudio

/// What the conversation tracker has settled, in time order of the settled timeline.
public enum ConversationEvent: Sendable, Equatable {
    /// A party's speech segment ended.
    case speech(SpeechSegment)
    /// A pause ended (dead air, hold or gap).
    case pause(Pause)
    /// An overlap was classified (this can happen up to `backchannelWithWordsSeconds` after it started).
    case overlap(Overlap)
    /// An overlap still in progress is already known to be an interruption: the interrupter has talked for
    /// `backchannelWithWordsSeconds`. Its `.overlap` event follows when it ends. For live alerts.
    case interruptionInProgress(start: Double, interrupter: Speaker)
    /// A stretch of Contact Lens non-talk time ended.
    case nonTalk(NonTalkSpan)
}
