/// The 0–100 loudness score, comparable to Amazon Connect Contact Lens's per-second loudness ("normalized speech
/// level per second of speech, 0 to 100").
///
/// Contact Lens does not publish its mapping. Ours is linear in `Frame.loudnessDb` (A-weighted level, dBFS):
/// −60 dBFS (speech barely above a quiet line's noise) scores 0 and −10 dBFS (shouting, near G.711 clipping)
/// scores 100, so a talker at the nominal telephone level (−26 dBov active speech, ITU-T P.56), whose speech
/// frames read about −30 to −24 dB, scores about 60–70. See `docs/dsp.md`.
public enum LoudnessScale {
    /// A-weighted level that scores 0.
    public static let floorDb: Float = -60
    /// A-weighted level that scores 100.
    public static let ceilingDb: Float = -10

    /// Maps a frame's `loudnessDb` to 0…100.
    @inlinable
    public static func score(loudnessDb: Float) -> Float {
        min(100, max(0, (loudnessDb - floorDb) * (100 / (ceilingDb - floorDb))))
    }

    /// One score per second of `frames` (frame 0 at 0 s): the mean score of that second's speech frames, or nil
    /// when nobody speaks in it.
    public static func perSecond(_ frames: [Frame]) -> [Float?] {
        let perSecond = Int((1 / FrameClock.hop).rounded())
        return stride(from: 0, to: frames.count, by: perSecond).map { start in
            var sum: Float = 0, count = 0
            for frame in frames[start..<min(start + perSecond, frames.count)] where frame.isSpeech {
                sum += score(loudnessDb: frame.loudnessDb)
                count += 1
            }
            return count > 0 ? sum / Float(count) : nil
        }
    }
}
