internal import CFFTW

/// Windows a frame, runs the forward FFT and measures its level and spectral shape.
///
/// Owns the window, the FFTW buffers and the previous magnitude spectrum (for flux); everything is allocated once.
/// The loops run on 8-lane vectors; per-bin arrays are padded with zeros to a multiple of 8 bins.
struct SpectrumAnalyzer: ~Copyable {
    typealias Vector = FastMath.Vector
    /// Bins rounded up to whole vectors.
    static let paddedBins = (AnalysisLayout.binCount + 7) / 8 * 8

    private let plan: OpaquePointer
    /// Windowed, DC-free frame, zero-padded to the FFT size (the padding is never written).
    private let frame: FFTWBuffer
    /// Forward transform output: interleaved complex bins, zero beyond the last one.
    private let spectrum: FFTWBuffer
    /// |X_k|² of the current frame (`paddedBins`, zero beyond the last bin).
    let power: UnsafeMutablePointer<Float>
    private let window: UnsafeMutablePointer<Float>
    /// Per-bin weights turning Σ weight·|X_k|² into a mean-square level (one-sided spectrum, window power),
    /// the same times the bin index (for the centroid), and with A-weighting folded in (for loudness).
    private let meanSquareWeight: UnsafeMutablePointer<Float>
    private let centroidWeight: UnsafeMutablePointer<Float>
    private let loudnessWeight: UnsafeMutablePointer<Float>
    private let previousMagnitude: UnsafeMutablePointer<Float>
    private let magnitude: UnsafeMutablePointer<Float>
    /// Per-bin share of the frame's mean square (for the roll-off search).
    private let meanSquare: UnsafeMutablePointer<Float>
    private let windowPower: Float
    private let bandLow = AnalysisLayout.bin(ofHz: AnalysisLayout.bandLowHz)
    /// Whole vectors from `bandLow` covering the telephone band.
    private let bandVectors = (AnalysisLayout.bin(ofHz: AnalysisLayout.bandHighHz) - AnalysisLayout.bin(ofHz: AnalysisLayout.bandLowHz) + 8) / 8

    /// Peak |x − mean| of the windowed frame within half the longest pitch period of its centre: Praat's local
    /// peak, the input of its silence criterion. (The peak over the whole unwindowed 45 ms reached into the
    /// loud neighbours of a pause and voiced the edges of speech that Praat leaves unvoiced.)
    private(set) var localPeak: Float = 0
    /// Whole vectors around the centre that the local peak covers.
    private let peakStart: Int, peakEnd: Int

    init(plan: RealFFTPlan) {
        let n = AnalysisLayout.windowLength, bins = AnalysisLayout.binCount, padded = Self.paddedBins
        precondition(n % 8 == 0)
        self.plan = plan.forward
        let halfPeriod = Int(Float(FrameClock.sampleRate) / AnalysisLayout.pitchFloorHz / 2)
        peakStart = (AnalysisLayout.halfWindow - halfPeriod) / 8 * 8
        peakEnd = (AnalysisLayout.halfWindow + halfPeriod + 7) / 8 * 8
        frame = FFTWBuffer(count: AnalysisLayout.fftSize)
        spectrum = FFTWBuffer(count: 2 * padded)
        func zeroed(_ count: Int) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: count)
            p.initialize(repeating: 0, count: count)
            return p
        }
        power = zeroed(padded)
        window = zeroed(n)
        var sumSquares: Float = 0
        for i in 0..<n {
            let w = AnalysisLayout.window(i)
            window[i] = w
            sumSquares += w * w
        }
        windowPower = sumSquares
        meanSquareWeight = zeroed(padded)
        centroidWeight = zeroed(padded)
        loudnessWeight = zeroed(padded)
        let scale = 1 / (Float(AnalysisLayout.fftSize) * sumSquares)
        for k in 0..<bins {
            let oneSided: Float = (k == 0 || k == bins - 1) ? 1 : 2
            meanSquareWeight[k] = oneSided * scale
            centroidWeight[k] = oneSided * scale * Float(k) * AnalysisLayout.binHz
            loudnessWeight[k] = oneSided * scale * Self.aWeighting(hz: Float(k) * AnalysisLayout.binHz)
        }
        previousMagnitude = zeroed(padded)
        magnitude = zeroed(padded)
        meanSquare = zeroed(padded)
    }

    deinit {
        power.deallocate()
        window.deallocate()
        meanSquareWeight.deallocate()
        centroidWeight.deallocate()
        loudnessWeight.deallocate()
        previousMagnitude.deallocate()
        magnitude.deallocate()
        meanSquare.deallocate()
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
        let n = AnalysisLayout.windowLength
        var sum = Vector()
        for i in stride(from: 0, to: n, by: 8) { sum += FastMath.load(samples, i) }
        let mean = sum.sum() / Float(n)

        // DC removal, window, energy, peak.
        var energy = Vector(), peak = Vector()
        let x = frame.pointer
        for i in stride(from: 0, to: n, by: 8) {
            let windowed = (FastMath.load(samples, i) - mean) * FastMath.load(window, i)
            FastMath.store(windowed, x, i)
            energy += windowed * windowed
        }
        for i in stride(from: peakStart, to: peakEnd, by: 8) {
            let windowed = FastMath.load(x, i)
            peak = FastMath.maximum(peak, FastMath.maximum(windowed, -windowed))
        }
        localPeak = peak.max()
        raw.energyDb = FastMath.decibels(power: energy.sum() / windowPower)

        // Zero crossings of the DC-free signal between samples i−1 and i, i = 1…n−1.
        var crossings = Vector()
        var i = 1
        while i + 8 <= n {
            let change = (FastMath.load(samples, i) .< mean) .^ (FastMath.load(samples, i - 1) .< mean)
            crossings.replace(with: crossings + 1, where: change)
            i += 8
        }
        var count = crossings.sum()
        while i < n {
            if (samples[i] < mean) != (samples[i - 1] < mean) { count += 1 }
            i += 1
        }
        raw.zeroCrossingRate = count / Float(n - 1)

        let bins = UnsafeMutableRawPointer(spectrum.pointer).assumingMemoryBound(to: fftwf_complex.self)
        fftwf_execute_dft_r2c(plan, x, bins)
        measureSpectrum(into: &raw)
    }

    /// Power spectrum, loudness, centroid, roll-off, flatness and flux from `spectrum`.
    private func measureSpectrum(into raw: inout RawFrame) {
        let vectors = Self.paddedBins / 8
        let s = UnsafePointer(spectrum.pointer)
        var total = Vector(), weightedHz = Vector(), loud = Vector(), squares = Vector()
        for v in 0..<vectors {
            let interleaved = UnsafeRawPointer(s + 16 * v).loadUnaligned(as: SIMD16<Float>.self)
            let re = interleaved.evenHalf, im = interleaved.oddHalf
            let p = re * re + im * im
            FastMath.store(p, power, 8 * v)
            let ms = p * FastMath.load(meanSquareWeight, 8 * v)
            FastMath.store(ms, meanSquare, 8 * v)
            total += ms
            weightedHz += p * FastMath.load(centroidWeight, 8 * v)
            loud += p * FastMath.load(loudnessWeight, 8 * v)
            squares += p
        }
        let totalPower = total.sum()
        raw.loudnessDb = FastMath.decibels(power: loud.sum())
        raw.spectralCentroidHz = totalPower > 0 ? weightedHz.sum() / totalPower : 0

        // Roll-off: find the vector, then the bin, where the cumulative power reaches 85 %.
        var rolloffBin = AnalysisLayout.binCount - 1
        let target = 0.85 * totalPower
        var cumulative: Float = 0
        search: for v in 0..<vectors {
            let block = FastMath.load(meanSquare, 8 * v).sum()
            if cumulative + block < target { cumulative += block; continue }
            for k in (8 * v)..<(8 * v + 8) {
                cumulative += meanSquare[k]
                if cumulative >= target { rolloffBin = k; break search }
            }
        }
        raw.spectralRolloffHz = totalPower > 0 ? Float(rolloffBin) * AnalysisLayout.binHz : 0

        // Flatness over the telephone band: geometric over arithmetic mean.
        var logSum = Vector(), linearSum = Vector()
        for v in 0..<bandVectors {
            let p = FastMath.load(power, bandLow + 8 * v) + 1e-10
            logSum += FastMath.log2(p)
            linearSum += p
        }
        let count = Float(8 * bandVectors)
        let linear = linearSum.sum()
        raw.spectralFlatness = min(1, FastMath.exp2(logSum.sum() / count) / (linear / count))
        raw.bandLevelDb = FastMath.decibels(power: linear * meanSquareWeight[1])

        // Flux: Euclidean distance between unit-norm magnitude spectra of consecutive frames (0…√2).
        let magnitudeSquares = squares.sum()
        let norm = magnitudeSquares > 0 ? 1 / magnitudeSquares.squareRoot() : 0
        var flux = Vector()
        for v in 0..<vectors {
            let m = FastMath.squareRoot(FastMath.load(power, 8 * v)) * norm
            FastMath.store(m, magnitude, 8 * v)
            let d = m - FastMath.load(previousMagnitude, 8 * v)
            flux += d * d
        }
        previousMagnitude.update(from: magnitude, count: Self.paddedBins)
        raw.spectralFlux = flux.sum().squareRoot()
    }
}
