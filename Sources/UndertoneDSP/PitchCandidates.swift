internal import CFFTW

/// Up to `capacity` pitch hypotheses of one frame; slot 0 is always "unvoiced".
///
/// Ten voiced slots: a low voice whose fundamental the telephone band removed has autocorrelation peaks at every
/// multiple of its harmonic spacing, and the true period must survive among them.
struct PitchCandidates {
    static let capacity = 11
    typealias Slots = (Float, Float, Float, Float, Float, Float, Float, Float, Float, Float, Float)
    private static let empty: Slots = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    /// Frequencies in Hz (0 for the unvoiced slot).
    private var frequencies = empty
    /// Praat's local strengths: normalised autocorrelation plus the octave bonus; unvoiced from the silence test.
    private var strengths = empty
    /// Normalised autocorrelation at the candidate's lag (the unvoiced slot holds the best voiced one).
    private var correlations = empty
    var count = 1

    @inline(__always) func frequency(_ i: Int) -> Float { Self.read(frequencies, i) }
    @inline(__always) func strength(_ i: Int) -> Float { Self.read(strengths, i) }
    @inline(__always) func correlation(_ i: Int) -> Float { Self.read(correlations, i) }

    @inline(__always)
    mutating func set(_ i: Int, frequency f: Float, strength s: Float, correlation r: Float) {
        Self.write(&frequencies, i, f)
        Self.write(&strengths, i, s)
        Self.write(&correlations, i, r)
    }

    @inline(__always)
    private static func read(_ slots: Slots, _ i: Int) -> Float {
        withUnsafeBytes(of: slots) { $0.load(fromByteOffset: 4 * i, as: Float.self) }
    }

    @inline(__always)
    private static func write(_ slots: inout Slots, _ i: Int, _ value: Float) {
        withUnsafeMutableBytes(of: &slots) { $0.storeBytes(of: value, toByteOffset: 4 * i, as: Float.self) }
    }
}

/// Boersma's (1993) autocorrelation pitch candidates from a frame's power spectrum.
///
/// The autocorrelation of the windowed frame is the inverse FFT of its power spectrum; dividing it by the
/// window's own autocorrelation removes the window's taper, so a periodic signal scores close to 1 at its period
/// even when the fundamental itself is filtered out (telephone band). Peaks are refined by parabolic interpolation
/// and scored as in Praat's path finder: strength = r − octaveCost·log2(ceiling / f); the unvoiced candidate
/// scores voicingThreshold + max(0, 2 − (localPeak / globalPeak) / (silenceThreshold / (1 + voicingThreshold))).
struct PitchCandidateFinder: ~Copyable {
    static let silenceThreshold: Float = 0.03
    static let voicingThreshold: Float = 0.45
    static let octaveCost: Float = 0.01

    private let plan: OpaquePointer
    private let halfComplex: FFTWBuffer
    private let autocorrelation: FFTWBuffer
    /// 1 / (normalised autocorrelation of the window) per lag.
    let inverseWindowCorrelation: UnsafeMutablePointer<Float>
    /// Running stand-in for Praat's whole-signal peak: the largest local peak so far, decaying 0.05 dB per second
    /// (so a long hold does not turn the other party's echo into "not silent"). Starts at −20 dBFS, so that echo
    /// heard before the channel's own speaker says anything is silence too.
    private(set) var globalPeak: Float = 0.1

    init(plan: RealFFTPlan) {
        self.plan = plan.inverse
        let n = AnalysisLayout.fftSize, bins = AnalysisLayout.binCount
        halfComplex = FFTWBuffer(count: 2 * bins)
        autocorrelation = FFTWBuffer(count: n)
        inverseWindowCorrelation = .allocate(capacity: AnalysisLayout.maximumLag + 2)
        // The window's autocorrelation, computed directly (once).
        let length = AnalysisLayout.windowLength
        let w = (0..<length).map(AnalysisLayout.window)
        var zero: Float = 0
        for i in 0..<length { zero += w[i] * w[i] }
        for lag in 0...(AnalysisLayout.maximumLag + 1) {
            var r: Float = 0
            for i in 0..<(length - lag) { r += w[i] * w[i + lag] }
            inverseWindowCorrelation[lag] = zero / r
        }
    }

    deinit { inverseWindowCorrelation.deallocate() }

    /// The candidates of the frame whose power spectrum is `power` and whose peak |x| is `localPeak`.
    ///
    /// `noiseGain` (≥ 1) undoes the dilution of the autocorrelation by stationary line noise: a periodic signal
    /// of power S in noise of power N peaks at r·S/(S+N), so voiced frames in noise are scored at r·(S+N)/S.
    /// `PitchCandidates.correlation` keeps the measured r.
    mutating func find(power: UnsafePointer<Float>, localPeak: Float, noiseGain: Float = 1) -> PitchCandidates {
        globalPeak = max(localPeak, globalPeak * 0.999_942)  // −0.05 dB/s at 100 frames/s
        var result = PitchCandidates()
        let vt = Self.voicingThreshold
        let intensity = localPeak / globalPeak
        let unvoicedStrength = vt + max(0, 2 - intensity / (Self.silenceThreshold / (1 + vt)))
        result.set(0, frequency: 0, strength: unvoicedStrength, correlation: 0)
        // A voiced candidate scores at most 1 and the path can shift at most two voiced/unvoiced transition costs
        // (0.28) towards it: above 1.35, the frame is unvoiced whatever the autocorrelation says.
        guard unvoicedStrength < 1.35, localPeak > 0 else { return result }

        let bins = AnalysisLayout.binCount
        let h = halfComplex.pointer
        for k in 0..<bins {
            h[2 * k] = power[k]
            h[2 * k + 1] = 0
        }
        let r = autocorrelation.pointer
        fftwf_execute_dft_c2r(plan, UnsafeMutableRawPointer(h).assumingMemoryBound(to: fftwf_complex.self), r)
        guard r[0] > 0 else { return result }
        let scale = 1 / r[0]
        let lo = AnalysisLayout.minimumLag, hi = AnalysisLayout.maximumLag
        for lag in (lo - 1)...(hi + 1) { r[lag] *= scale * inverseWindowCorrelation[lag] }

        let rate = Float(FrameClock.sampleRate)
        let floor = AnalysisLayout.pitchFloorHz, ceiling = AnalysisLayout.pitchCeilingHz
        var best: Float = 0
        for lag in lo...hi {
            let left = r[lag - 1], centre = r[lag], right = r[lag + 1]
            guard centre > 0.5 * vt, centre > left, centre >= right else { continue }
            let curvature = left - 2 * centre + right
            let offset = curvature < 0 ? 0.5 * (left - right) / curvature : 0
            var peak = centre - 0.25 * (left - right) * offset
            if peak > 1 { peak = 1 / peak }
            let frequency = rate / (Float(lag) + offset)
            guard frequency >= floor, frequency <= ceiling else { continue }
            let strength = min(1, peak * noiseGain) - Self.octaveCost * FastMath.log2(ceiling / frequency)
            best = max(best, peak)
            // Keep the strongest candidates: fill free slots, else replace the weakest if this one beats it.
            if result.count < PitchCandidates.capacity {
                result.set(result.count, frequency: frequency, strength: strength, correlation: peak)
                result.count += 1
            } else {
                var weakest = 1
                for i in 2..<PitchCandidates.capacity where result.strength(i) < result.strength(weakest) { weakest = i }
                if strength > result.strength(weakest) {
                    result.set(weakest, frequency: frequency, strength: strength, correlation: peak)
                }
            }
        }
        result.set(0, frequency: 0, strength: unvoicedStrength, correlation: best)
        return result
    }
}
