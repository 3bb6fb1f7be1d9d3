/// What the immediate (no-lookahead) stage measures of one frame; kept in a ring until the frame's delayed
/// decisions (pitch path, voice activity, music, syllables) are made.
struct RawFrame {
    var energyDb: Float = -120
    var loudnessDb: Float = -120
    var spectralCentroidHz: Float = 0
    var spectralFlatness: Float = 0
    var spectralRolloffHz: Float = 0
    var spectralFlux: Float = 0
    var zeroCrossingRate: Float = 0
    /// Level in the telephone band, dBFS.
    var bandLevelDb: Float = -120
    /// Mean a-posteriori SNR over the voice-activity bands, dB, each clipped to 0…30.
    var bandSnrDb: Float = 0
    /// Highest normalised autocorrelation among the pitch candidates (0 when none).
    var periodicity: Float = 0
    /// Share of the band's above-noise power in spectral peaks that have persisted for 200 ms (held notes), or 1
    /// for a tone.
    var peakPersistence: Float = 0
    /// Whether something is on the line: above −60 dBFS and 1 dB above the noise floor.
    var active = false
    /// Speech probability before music gating and smoothing.
    var speechLikelihood: Float = 0
}
