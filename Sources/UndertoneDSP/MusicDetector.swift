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

    /// Records this frame's peaks and returns the share of in-band power in persistent peaks.
    mutating func persistence(power p: UnsafePointer<Float>, active: Bool, noisePower: Float) -> Float {
        let map = peakMaps + (count % capacity) * Self.words
        for w in 0..<Self.words { map[w] = 0 }
        var maximum: Float = 0, total: Float = 0
        for k in low...high {
            maximum = max(maximum, p[k])
            total += p[k]
        }
        if active && maximum > 0 {
            let floor = maximum * 1e-3  // peaks within 30 dB of the strongest
            for k in low...high {
                let v = p[k]
                // A local maximum standing 6 dB above the spectrum 3 bins either side (beyond the main lobe).
                if v > floor && v > p[k - 1] && v >= p[k + 1] && v > 4 * p[k - 3] && v > 4 * p[k + 3] {
                    map[k >> 6] |= 1 << UInt64(k & 63)
                }
            }
        }
        count += 1
        guard active, total > 0 else { return 0 }
        if Self.toneShare(p, low: low, high: high, strongest: maximum) > 0.9 * total { return 1 }
        guard count > 2 * Self.persistenceFrames else { return 0 }
        let one = peakMaps + ((count - 1 - Self.persistenceFrames) % capacity) * Self.words
        let two = peakMaps + ((count - 1 - 2 * Self.persistenceFrames) % capacity) * Self.words
        var persistentPower: Float = 0
        for w in 0..<Self.words {
            var bits = map[w] & Self.dilated(one, w) & Self.dilated(two, w)
            while bits != 0 {
                let k = w * 64 + bits.trailingZeroBitCount
                persistentPower += p[k]
                bits &= bits - 1
            }
        }
        return min(1, persistentPower / max(total - noisePower, 0.1 * total))
    }

    /// Power within ±2 bins (the window's main lobe) of the two strongest bins.
    private static func toneShare(_ p: UnsafePointer<Float>, low: Int, high: Int, strongest: Float) -> Float {
        var first = low
        for k in low...high where p[k] == strongest { first = k; break }
        var second = low, secondPower: Float = -1
        for k in low...high where abs(k - first) > 2 && p[k] > secondPower { second = k; secondPower = p[k] }
        var share: Float = 0
        for k in max(low, first - 2)...min(high, first + 2) { share += p[k] }
        for k in max(low, second - 2)...min(high, second + 2) where abs(k - first) > 2 { share += p[k] }
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
