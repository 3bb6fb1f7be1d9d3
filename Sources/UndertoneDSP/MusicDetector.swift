/// Per-frame evidence of music or tones: the share of the band's power above the noise floor that sits in spectral
/// peaks that have stayed at the same frequency (±1 bin, 15.6 Hz) for 200 ms, or 1 when two narrow peaks hold over
/// 90 % of the band's power (a tone). Measuring against the power above the noise floor keeps the evidence of
/// music the same whether it is heard at 30 dB or 6 dB SNR.
///
/// Held notes and chords keep their partials still; speech harmonics glide with the intonation and break off at
/// every syllable, so at most a short steady vowel shows persistence. Tones (DTMF, ring-back, beeps) may be too
/// short to persist but put nearly all their power into one or two lines, which speech almost never does.
/// `MusicWindow` turns the evidence into a probability over about 1.2 s.
struct MusicDetector: ~Copyable {
    /// Peak maps are compared with the ones this many frames back, and twice that.
    static let persistenceFrames = 10
    private static let words = 4  // 256 bins
    private let capacity = 32
    /// One 256-bit peak map per frame slot.
    private let peakMaps: UnsafeMutablePointer<UInt64>
    private var count = 0
    private let low = AnalysisLayout.bin(ofHz: AnalysisLayout.bandLowHz)
    private let high = AnalysisLayout.bin(ofHz: AnalysisLayout.bandHighHz)

    init() {
        peakMaps = .allocate(capacity: capacity * Self.words)
        peakMaps.initialize(repeating: 0, count: capacity * Self.words)
    }

    deinit { peakMaps.deallocate() }

    /// Records this frame's peaks and returns the share of in-band power in persistent peaks (−1 during the first
    /// 200 ms of the stream, when there is no history to compare with and the frame is not a tone).
    mutating func persistence(power p: UnsafePointer<Float>, active: Bool, noisePower: Float) -> Float {
        typealias Vector = FastMath.Vector
        let map = peakMaps + (count % capacity) * Self.words
        for w in 0..<Self.words { map[w] = 0 }
        count += 1
        guard active else { return 0 }
        let vectors = (high - low + 8) / 8
        var maximum = Vector(), sum = Vector()
        for v in 0..<vectors {
            let x = FastMath.load(p, low + 8 * v)
            maximum = FastMath.maximum(maximum, x)
            sum += x
        }
        let strongest = maximum.max(), total = sum.sum()
        guard strongest > 0 else { return 0 }
        // Peaks: local maxima within 30 dB of the strongest, standing 6 dB above the spectrum 2 bins either side
        // (a lone partial's own main lobe is 13 dB down there, so partials 4 bins apart still count).
        let floor = strongest * 1e-3
        let laneBits = Vector(1, 2, 4, 8, 16, 32, 64, 128)
        for v in 0..<vectors {
            let k = low + 8 * v
            let x = FastMath.load(p, k)
            let isPeak = (x .> floor) .& (x .> FastMath.load(p, k - 1)) .& (x .>= FastMath.load(p, k + 1))
                .& (x .> 4 * FastMath.load(p, k - 2)) .& (x .> 4 * FastMath.load(p, k + 2))
            let bits = UInt64(Vector().replacing(with: laneBits, where: isPeak).sum())
            guard bits != 0 else { continue }
            map[k >> 6] |= bits << UInt64(k & 63)
            if k & 63 > 56 { map[(k >> 6) + 1] |= bits >> UInt64(64 - k & 63) }
        }
        if Self.toneShare(p, low: low, vectors: vectors, strongest: strongest) > 0.9 * total {
            return 1
        }
        // Too early to compare with 200 ms ago: no evidence either way (the window skips such frames).
        guard count > 2 * Self.persistenceFrames else { return -1 }
        let one = peakMaps + ((count - 1 - Self.persistenceFrames) % capacity) * Self.words
        let two = peakMaps + ((count - 1 - 2 * Self.persistenceFrames) % capacity) * Self.words
        var persistentPower: Float = 0
        for w in 0..<Self.words {
            var bits = map[w] & Self.dilated(one, w) & Self.dilated(two, w)
            while bits != 0 {
                persistentPower += p[w * 64 + bits.trailingZeroBitCount]
                bits &= bits - 1
            }
        }
        return min(1, persistentPower / max(total - noisePower, 0.1 * total))
    }

    /// Power within ±2 bins (the window's main lobe) of the strongest bin and of the strongest bin outside that.
    /// The first lobe counts as zero while searching for the second; the spectrum is only read.
    private static func toneShare(_ p: UnsafePointer<Float>, low: Int, vectors: Int, strongest: Float) -> Float {
        typealias Vector = FastMath.Vector
        var first = low
        while p[first] != strongest { first += 1 }
        let lobe = (first - 2)...(first + 2)
        @inline(__always) func outsideLobe(_ k: Int) -> Float { lobe.contains(k) ? 0 : p[k] }
        let power = FastMath.load(p, first - 2)
        var share = power[0] + power[1] + power[2] + power[3] + power[4]
        var maximum = Vector()
        for v in 0..<vectors {
            let k = low + 8 * v
            var x = FastMath.load(p, k)
            if k + 7 >= lobe.lowerBound, k <= lobe.upperBound {
                for lane in 0..<8 where lobe.contains(k + lane) { x[lane] = 0 }
            }
            maximum = FastMath.maximum(maximum, x)
        }
        let secondPower = maximum.max()
        var second = low
        while outsideLobe(second) != secondPower { second += 1 }
        for k in (second - 2)...(second + 2) { share += outsideLobe(k) }
        return share
    }

    /// Word `w` of the map with every set bit widened to its neighbours.
    @inline(__always)
    private static func dilated(_ map: UnsafeMutablePointer<UInt64>, _ w: Int) -> UInt64 {
        let word = map[w]
        let carryIn = w > 0 ? map[w - 1] >> 63 : 0
        let carryOut = w < words - 1 ? map[w + 1] << 63 : 0
        return word | (word << 1) | carryIn | (word >> 1) | carryOut
    }
}
