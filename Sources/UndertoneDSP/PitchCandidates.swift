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
/// and scored as in Praat's path finder, strength = r − octaveCost·log2(ceiling / f), less the subharmonic
/// preference `subharmonicCost`·(1 − r_best)·log2(f / floor); the unvoiced candidate scores
/// voicingThreshold + max(0, 2 − (localPeak / globalPeak) / (silenceThreshold / (1 + voicingThreshold))).
struct PitchCandidateFinder: ~Copyable {
    static let silenceThreshold: Float = 0.03
    /// Praat's 0.45, less the 0.03 the subharmonic preference takes from a typical voiced frame's strength
    /// (r ≈ 0.8 at 100–250 Hz), so that the voiced/unvoiced balance stays Praat's.
    static let voicingThreshold: Float = 0.42
    static let octaveCost: Float = 0.01
    /// Telephone speech has lost its fundamental, and a harmonic a formant strengthens (F1 near 2 or 3 × F0) leaves
    /// peaks at a half or a third of the period nearly as high as at the period itself; Praat's octave cost then
    /// tips low voices to 2–4 × F0. Real voices are never perfectly periodic, so every frame's candidates are
    /// tilted towards low frequencies in proportion to the frame's aperiodicity 1 − r_best: per octave above the
    /// floor, `subharmonicCost`·(1 − r_best). A perfectly periodic signal, whose every multiple of the period scores
    /// 1, keeps Praat's tie-break towards the highest frequency.
    static let subharmonicCost: Float = 0.15

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

    /// The candidates of the frame whose power spectrum is `power` and whose local peak is `localPeak`.
    mutating func find(power: UnsafePointer<Float>, localPeak: Float) -> PitchCandidates {
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
            let strength = peak - Self.octaveCost * FastMath.log2(ceiling / frequency)
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
        let tilt = Self.subharmonicCost * (1 - best)
        for i in 1..<result.count {
            let f = result.frequency(i)
            result.set(i, frequency: f, strength: result.strength(i) - tilt * FastMath.log2(f / floor),
                       correlation: result.correlation(i))
        }
        result.set(0, frequency: 0, strength: unvoicedStrength, correlation: best)
        return result
    }
}
