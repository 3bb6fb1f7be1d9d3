/// A threshold outside what the analysis can use: not finite, not positive, or beyond the longest call. Its
/// `description` is one line naming the option and the reason. Clients that take options from users (the CLI's
/// flags, the server's requests) check them with `validate()` before starting a session.
public struct OptionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var option: String
    public var reason: String

    public init(option: String, reason: String) {
        self.option = option
        self.reason = reason
    }

    public var description: String { "\(option): \(reason)" }

    /// Longest span any time threshold may have, seconds: a day.
    public static let maxSeconds = 86_400.0

    static func checkSeconds(_ value: Double, _ option: String) throws(OptionError) {
        guard value.isFinite, value > 0, value <= maxSeconds else {
            throw OptionError(option: option, reason: "\(value) s is not a duration between 0 and \(Int(maxSeconds)) s")
        }
    }
}

extension ConversationOptions {
    /// Checks every time threshold (finite, positive, at most a day) and the syllables per word.
    public func validate() throws(OptionError) {
        let seconds: [(Double, String)] = [
            (minimumSpeechSeconds, "minimumSpeechSeconds"), (speechBridgeSeconds, "speechBridgeSeconds"),
            (hangoverTrimSeconds, "hangoverTrimSeconds"), (minimumMusicSeconds, "minimumMusicSeconds"),
            (musicBridgeSeconds, "musicBridgeSeconds"), (holdEndsAfterSpeechSeconds, "holdEndsAfterSpeechSeconds"),
            (deadAirSeconds, "deadAirSeconds"),
            (nonTalkSeconds, "nonTalkSeconds"), (minimumGapSeconds, "minimumGapSeconds"),
            (minimumOverlapSeconds, "minimumOverlapSeconds"), (backchannelSeconds, "backchannelSeconds"),
            (backchannelWithWordsSeconds, "backchannelWithWordsSeconds"),
            (monologueBreakSeconds, "monologueBreakSeconds"),
        ]
        for (value, name) in seconds { try OptionError.checkSeconds(value, name) }
        guard syllablesPerWord.isFinite, syllablesPerWord > 0, syllablesPerWord < 100 else {
            throw OptionError(option: "syllablesPerWord", reason: "\(syllablesPerWord) is not between 0 and 100")
        }
    }
}

extension LiveAlertOptions {
    /// Checks the conversation thresholds and every live threshold.
    public func validate() throws(OptionError) {
        try conversation.validate()
        let seconds: [(Double, String)] = [
            (longHoldSeconds, "longHoldSeconds"), (interruptionBurstSeconds, "interruptionBurstSeconds"),
            (raisedVoiceSeconds, "raisedVoiceSeconds"), (raisedVoiceWarmupSeconds, "raisedVoiceWarmupSeconds"),
            (fastSpeechWindowSeconds, "fastSpeechWindowSeconds"), (customerSilenceSeconds, "customerSilenceSeconds"),
            (utteranceGapSeconds, "utteranceGapSeconds"), (transcriptDelaySeconds, "transcriptDelaySeconds"),
            (cooldownSeconds, "cooldownSeconds"),
        ]
        for (value, name) in seconds { try OptionError.checkSeconds(value, name) }
        guard (1...1_000_000).contains(interruptionBurstCount) else {
            throw OptionError(option: "interruptionBurstCount", reason: "\(interruptionBurstCount) is not 1 to 1000000")
        }
        for (value, name) in [(Double(raisedVoiceDb), "raisedVoiceDb"), (fastSpeechWordsPerMinute, "fastSpeechWordsPerMinute"),
                              (negativeSentiment, "negativeSentiment")] where !value.isFinite {
            throw OptionError(option: name, reason: "\(value) is not a finite number")
        }
    }
}
