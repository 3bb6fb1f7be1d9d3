/// A parsed transcript: the words of a call in time order, whatever format they came in.
public struct Transcript: Sendable, Equatable {
    /// The format the words were read from.
    public var format: TranscriptFormat
    /// The words, sorted by start time.
    public var words: [Word]
    /// Whether word times were estimated by spreading a cue's words over its span (cues without word timestamps).
    public var wordTimesEstimated: Bool

    public init(format: TranscriptFormat, words: [Word], wordTimesEstimated: Bool = false) {
        self.format = format
        self.words = words
        self.wordTimesEstimated = wordTimesEstimated
    }
}
