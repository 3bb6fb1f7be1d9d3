/// Speech segments from per-frame network probabilities, as Silero's own `get_speech_timestamps` makes them: speech
/// starts at a probability of `onset` or more and ends where it falls below `offset` and no frame reaches `onset`
/// again within `minimumSilenceFrames`; each segment is padded by `padFrames` either side. Unlike Silero's offline
/// function it runs frame by frame, reading the probabilities of the frames ahead that the lookahead makes
/// available.
struct SpeechHysteresis {
    static let onset: Float = 0.5
    static let offset: Float = 0.35
    /// 100 ms (Silero's `min_silence_duration_ms`).
    static let minimumSilenceFrames = 10
    /// 30 ms (Silero's `speech_pad_ms`).
    static let padFrames = 3
    /// Frames after the decided frame that `isSpeech` reads.
    static let lookahead = minimumSilenceFrames + padFrames

    private var speaking = false
    private var lastSpeech = Int.min / 2

    /// Whether frame `j` is speech; `probability(f)` must be available for f in j…j + `lookahead`.
    mutating func isSpeech(_ j: Int, probability: (Int) -> Float) -> Bool {
        let p = probability(j)
        if !speaking {
            speaking = p >= Self.onset
        } else if p < Self.offset {
            var f = j + 1
            speaking = false
            while f <= j + Self.minimumSilenceFrames {
                if probability(f) >= Self.onset { speaking = true; break }
                f += 1
            }
        }
        if speaking { lastSpeech = j; return true }
        if j - lastSpeech <= Self.padFrames { return true }
        for f in (j + 1)...(j + Self.padFrames) where probability(f) >= Self.onset { return true }
        return false
    }
}
