/// The time grid every analysis stage shares.
public enum FrameClock {
    /// The sample rate all analysis runs at, in Hz.
    ///
    /// 8 kHz: calls arrive as 8 kHz G.711 nearly always, so analysing at 8 kHz never invents bandwidth,
    /// never resamples the common case, and halves the per-frame work compared with 16 kHz. Wideband sources
    /// are resampled down; nothing the analysis measures (voicing, F0 up to 500 Hz, loudness, 300–3400 Hz
    /// spectral shape) needs more than 4 kHz of bandwidth.
    public static let sampleRate = 8000
    /// Samples between consecutive frames (10 ms).
    public static let hopSamples = 80
    /// Seconds between consecutive frames.
    public static let hop = 0.01

    /// The time in seconds that frame `index` describes.
    @inlinable
    public static func time(ofFrame index: Int) -> Double { Double(index) * hop }

    /// The index of the frame nearest to `seconds`.
    @inlinable
    public static func frame(at seconds: Double) -> Int { Int((seconds / hop).rounded()) }
}
