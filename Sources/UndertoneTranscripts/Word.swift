public import UndertoneAudio

/// One transcribed word with its timing, the unit every transcript reader produces.
public struct Word: Sendable, Codable, Equatable {
    /// The speaker label as the transcript gives it (`spk_0`, `Agent`, `ch_1`, …); empty when the format has none.
    public var speaker: String
    /// The audio channel the transcript attributes the word to, when it says.
    public var channel: Int?
    /// Start time in seconds from the start of the call.
    public var start: Double
    /// End time in seconds from the start of the call.
    public var end: Double
    /// The word as written, with any punctuation the transcript attaches to it.
    public var text: String
    /// Recognition confidence 0…1, when the transcript gives one.
    public var confidence: Double?
    /// The party the word belongs to, once roles have been assigned.
    public var role: Speaker?

    public init(
        speaker: String, channel: Int? = nil, start: Double, end: Double, text: String,
        confidence: Double? = nil, role: Speaker? = nil
    ) {
        self.speaker = speaker
        self.channel = channel
        self.start = start
        self.end = end
        self.text = text
        self.confidence = confidence
        self.role = role
    }
}
