internal import CFFTW
import Foundation

/// Windows a frame, runs the forward FFT and measures its level and spectral shape.
///
/// Owns the window, the FFTW buffers and the previous magnitude spectrum (for flux); everything is allocated once.
struct SpectrumAnalyzer: ~Copyable {
    private let plan: OpaquePointer
    /// Windowed, DC-free frame, zero-padded to the FFT size (the padding is never written).
    let frame: FFTWBuffer
    /// Forward transform output, `binCount` interleaved complex values.
    let spectrum: FFTWBuffer
    /// |X_k|² of the current frame.
    let power: UnsafeMutablePointer<Float>
    private let window: UnsafeMutablePointer<Float>
    /// Per-bin weights turning Σ weight·|X_k|² into a mean-square level (one-sided spectrum, window power).
    private let meanSquareWeight: UnsafeMutablePointer<Float>
    /// The same with A-weighting folded in.
    private let loudnessWeight: UnsafeMutablePointer<Float>
    private let previousMagnitude: UnsafeMutablePointer<Float>
    private let magnitude: UnsafeMutablePointer<Float>
    private let windowPower: Float
    private let bandLow = AnalysisLayout.bin(ofHz: AnalysisLayout.bandLowHz)
    private let bandHigh = AnalysisLayout.bin(ofHz: AnalysisLayout.bandHighHz)

    /// Peak |x − mean| within the window, the input of Praat's silence criterion.
    private(set) var localPeak: Float = 0

    init(plan: RealFFTPlan) {
        let n = AnalysisLayout.windowLength, bins = AnalysisLayout.binCount
        self.plan = plan.forward
        frame = FFTWBuffer(count: AnalysisLayout.fftSize)
        spectrum = FFTWBuffer(count: 2 * bins)
        power = .allocate(capacity: bins)
        power.initialize(repeating: 0, count: bins)
        window = .allocate(capacity: n)
        var sumSquares: Float = 0
        for i in 0..<n {
            // Periodic Hann over the window; Praat's ac method uses a Hanning window too.
            let w = 0.5 - 0.5 * cosf(2 * .pi * (Float(i) + 0.5) / Float(n))
            window[i] = w
            sumSquares += w * w
        }
        windowPower = sumSquares
        meanSquareWeight = .allocate(capacity: bins)
        loudnessWeight = .allocate(capacity: bins)
        let scale = 1 / (Float(AnalysisLayout.fftSize) * sumSquares)
        for k in 0..<bins {
            let oneSided: Float = (k == 0 || k == bins - 1) ? 1 : 2
            meanSquareWeight[k] = oneSided * scale
            loudnessWeight[k] = oneSided * scale * Self.aWeighting(hz: Float(k) * AnalysisLayout.binHz)
        }
        previousMagnitude = .allocate(capacity: bins)
        previousMagnitude.initialize(repeating: 0, count: bins)
        magnitude = .allocate(capacity: bins)
        magnitude.initialize(repeating: 0, count: bins)
    }

    deinit {
        power.deallocate()
        window.deallocate()
        meanSquareWeight.deallocate()
        loudnessWeight.deallocate()
        previousMagnitude.deallocate()
        magnitude.deallocate()
    }

    /// IEC 61672 A-weighting as a power gain (1 at 1 kHz).
    static func aWeighting(hz f: Float) -> Float {
        guard f > 0 else { return 0 }
        let f2 = Double(f * f)
        let numerator = 12194.0 * 12194.0 * f2 * f2
        let denominator = (f2 + 20.6 * 20.6) * ((f2 + 107.7 * 107.7) * (f2 + 737.9 * 737.9)).squareRoot()
            * (f2 + 12194.0 * 12194.0)
        let gain = numerator / denominator / 0.794_328_2  // +2.0 dB normalises 1 kHz to 0 dB
        return Float(gain * gain)
    }

    /// Windows `samples` (`windowLength` of them), transforms them and fills the level and spectral fields.
    mutating func analyze(_ samples: UnsafePointer<Float>, into raw: inout RawFrame) {
        let n = AnalysisLayout.windowLength, bins = AnalysisLayout.binCount
        var sum: Float = 0
        for i in 0..<n { sum += samples[i] }
        let mean = sum / Float(n)
        var peak: Float = 0, crossings = 0, energy: Float = 0
        var previousPositive = samples[0] - mean >= 0
        let x = frame.pointer
        for i in 0..<n {
            let centred = samples[i] - mean
            peak = max(peak, abs(centred))
            let positive = centred >= 0
            crossings &+= positive != previousPositive ? 1 : 0
            previousPositive = positive
            let windowed = centred * window[i]
            x[i] = windowed
            energy += windowed * windowed
        }
        localPeak = peak
        raw.zeroCrossingRate = Float(crossings) / Float(n - 1)
        raw.energyDb = FastMath.decibels(power: energy / windowPower)

        let bins2 = UnsafeMutableRawPointer(spectrum.pointer).assumingMemoryBound(to: fftwf_complex.self)
        fftwf_execute_dft_r2c(plan, x, bins2)
        let s = spectrum.pointer
        var total: Float = 0, weightedHz: Float = 0, loud: Float = 0, magnitudeSquares: Float = 0
        for k in 0..<bins {
            let p = s[2 * k] * s[2 * k] + s[2 * k + 1] * s[2 * k + 1]
            power[k] = p
            let w = meanSquareWeight[k] * p
            total += w
            weightedHz += w * Float(k)
            loud += loudnessWeight[k] * p
            magnitudeSquares += p
        }
        raw.loudnessDb = FastMath.decibels(power: loud)
        raw.spectralCentroidHz = total > 0 ? weightedHz / total * AnalysisLayout.binHz : 0

        var cumulative: Float = 0, rolloffBin = bins - 1
        let target = 0.85 * total
        for k in 0..<bins {
            cumulative += meanSquareWeight[k] * power[k]
            if cumulative >= target { rolloffBin = k; break }
        }
        raw.spectralRolloffHz = total > 0 ? Float(rolloffBin) * AnalysisLayout.binHz : 0

        var logSum: Float = 0, linearSum: Float = 0
        for k in bandLow...bandHigh {
            let p = power[k] + 1e-10
            logSum += FastMath.log2(p)
            linearSum += p
        }
        let count = Float(bandHigh - bandLow + 1)
        raw.spectralFlatness = min(1, exp2f(logSum / count) / (linearSum / count))
        raw.bandLevelDb = FastMath.decibels(power: linearSum * meanSquareWeight[1])

        // Flux: Euclidean distance between unit-norm magnitude spectra of consecutive frames (0…√2).
        let norm = magnitudeSquares > 0 ? 1 / magnitudeSquares.squareRoot() : 0
        var flux: Float = 0
        for k in 0..<bins {
            let m = power[k].squareRoot() * norm
            magnitude[k] = m
            let d = m - previousMagnitude[k]
            flux += d * d
        }
        raw.spectralFlux = flux.squareRoot()
        previousMagnitude.update(from: magnitude, count: bins)
    }
}
