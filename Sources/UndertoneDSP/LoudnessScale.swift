/// The 0–100 loudness score, comparable to Amazon Connect Contact Lens's per-second loudness.
///
/// Placeholder mapping until the DSP core calibrates it (owned by the DSP core; see `docs/dsp.md`).
public enum LoudnessScale {
    /// Maps a frame's `loudnessDb` to 0…100.
    @inlinable
    public static func score(loudnessDb: Float) -> Float {
        min(100, max(0, (loudnessDb + 70) * (100 / 70)))
    }
}
