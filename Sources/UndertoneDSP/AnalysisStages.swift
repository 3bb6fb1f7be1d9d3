/// Which stages of the per-frame pipeline run; everything by default.
///
/// Turning stages off exists for timing them separately (`undertone bench`): a stage depends on the ones before it
/// in this list, and the fields a disabled stage fills are left at zero/false.
public struct AnalysisStages: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Window, forward FFT, energy, loudness, spectral shape, zero-crossing rate.
    public static let spectrum = AnalysisStages(rawValue: 1 << 0)
    /// Autocorrelation pitch candidates (inverse FFT) and the bounded-lag pitch path; HNR.
    public static let pitch = AnalysisStages(rawValue: 1 << 1)
    /// Noise floor, speech likelihood, music detection, hangover.
    public static let voiceActivity = AnalysisStages(rawValue: 1 << 2)
    /// Period marking for jitter and shimmer; syllable nuclei.
    public static let voiceQuality = AnalysisStages(rawValue: 1 << 3)

    /// The whole pipeline.
    public static let all: AnalysisStages = [.spectrum, .pitch, .voiceActivity, .voiceQuality]
}
