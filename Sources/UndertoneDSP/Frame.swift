/// The measurements of one 10 ms analysis frame of one channel.
///
/// Frame `i` of a stream describes the instant `i × FrameClock.hop` seconds, the centre of its analysis
/// window. Values that are undefined for a frame (the pitch of an unvoiced frame, say) are `0` and the
/// matching flag says so, so that a frame stays a plain trivially-copyable value.
public struct Frame: Sendable, Equatable {
    /// Frame energy in dB relative to digital full scale (a full-scale sine reads −3 dBFS).
    public var energyDb: Float
    /// Perceptual level in dB (see `docs/dsp.md` for the weighting); the source of the 0–100 loudness score.
    public var loudnessDb: Float
    /// Spectral centroid in Hz, in steps of 16 Hz: the resolution a long call's compact frames keep (the hold
    /// decision reads it to tell key tones from ring-back).
    public var spectralCentroidHz: Float
    /// Spectral flatness (geometric over arithmetic mean of the power spectrum over 300–3400 Hz), 0…1, in steps of
    /// 1/255: the resolution a long call's compact frames keep, so the hold decision that reads it is the same on a
    /// live tap's frames and on the stored frames of a finished call.
    public var spectralFlatness: Float
    /// Frequency below which 85 % of the spectral power lies, in Hz.
    public var spectralRolloffHz: Float
    /// Spectral flux: distance between this frame's normalised magnitude spectrum and the previous one's.
    public var spectralFlux: Float
    /// Zero crossings per sample, 0…1.
    public var zeroCrossingRate: Float
    /// Fundamental frequency in Hz, `0` when the frame is unvoiced.
    public var f0Hz: Float
    /// Whether the frame is voiced.
    public var voiced: Bool
    /// Confidence of the voicing decision, 0…1.
    public var voicingConfidence: Float
    /// Harmonics-to-noise ratio in dB (meaningful on voiced frames only).
    public var hnrDb: Float
    /// Local jitter (mean absolute difference of consecutive periods over the mean period) in the voiced run
    /// around this frame; `0` when unvoiced or not measurable.
    public var jitterLocal: Float
    /// Local shimmer (mean absolute difference of consecutive period amplitudes over the mean amplitude);
    /// `0` when unvoiced or not measurable.
    public var shimmerLocal: Float
    /// Whether a syllable nucleus (intensity peak in voiced speech) was detected at this frame.
    public var syllableNucleus: Bool
    /// Probability that the frame holds speech, 0…1.
    public var speechProbability: Float
    /// Final voice-activity decision, after hangover.
    public var isSpeech: Bool
    /// Probability that the frame holds music or tones (hold music, announcements' jingles, DTMF), 0…1.
    public var musicProbability: Float
    /// Final music/tone decision.
    public var isMusic: Bool
    /// Level above the channel's adaptive noise floor: mean over four telephone bands of the a-posteriori SNR, each
    /// clipped to 0…30 dB.
    public var snrDb: Float

    /// The steps of `spectralFlatness` between 0 and 1.
    static let flatnessSteps: Float = 255

    /// The step of the 1/255 grid nearest `flatness` (clamped to 0…1): what a compact track stores.
    static func flatnessStep(of flatness: Float) -> UInt8 {
        UInt8((min(1, max(0, flatness)) * flatnessSteps).rounded())
    }

    /// The steps of `spectralCentroidHz`, Hz: 0…4000 Hz (the 8 kHz clock's band) fits one byte.
    static let centroidStepHz: Float = 16

    /// The step of the 16 Hz grid nearest `hz` (clamped to one byte): what a compact track stores.
    static func centroidStep(of hz: Float) -> UInt8 {
        UInt8(min(255, max(0, hz / centroidStepHz)).rounded())
    }

    /// `hz` rounded to the resolution `spectralCentroidHz` carries.
    static func quantizedCentroid(_ hz: Float) -> Float {
        Float(centroidStep(of: hz)) * centroidStepHz
    }

    /// `flatness` rounded to the resolution `spectralFlatness` carries.
    static func quantizedFlatness(_ flatness: Float) -> Float {
        Float(flatnessStep(of: flatness)) / flatnessSteps
    }

    /// A silent, unvoiced frame.
    public static let silent = Frame(
        energyDb: -120, loudnessDb: -120, spectralCentroidHz: 0, spectralFlatness: 0, spectralRolloffHz: 0,
        spectralFlux: 0, zeroCrossingRate: 0, f0Hz: 0, voiced: false, voicingConfidence: 0, hnrDb: 0,
        jitterLocal: 0, shimmerLocal: 0, syllableNucleus: false, speechProbability: 0, isSpeech: false,
        musicProbability: 0, isMusic: false, snrDb: 0
    )

    public init(
        energyDb: Float, loudnessDb: Float, spectralCentroidHz: Float, spectralFlatness: Float,
        spectralRolloffHz: Float, spectralFlux: Float, zeroCrossingRate: Float, f0Hz: Float, voiced: Bool,
        voicingConfidence: Float, hnrDb: Float, jitterLocal: Float, shimmerLocal: Float, syllableNucleus: Bool,
        speechProbability: Float, isSpeech: Bool, musicProbability: Float, isMusic: Bool, snrDb: Float = 0
    ) {
        self.energyDb = energyDb
        self.loudnessDb = loudnessDb
        self.spectralCentroidHz = spectralCentroidHz
        self.spectralFlatness = spectralFlatness
        self.spectralRolloffHz = spectralRolloffHz
        self.spectralFlux = spectralFlux
        self.zeroCrossingRate = zeroCrossingRate
        self.f0Hz = f0Hz
        self.voiced = voiced
        self.voicingConfidence = voicingConfidence
        self.hnrDb = hnrDb
        self.jitterLocal = jitterLocal
        self.shimmerLocal = shimmerLocal
        self.syllableNucleus = syllableNucleus
        self.speechProbability = speechProbability
        self.isSpeech = isSpeech
        self.musicProbability = musicProbability
        self.isMusic = isMusic
        self.snrDb = snrDb
    }
}
