/// Cheap, branch-free approximations for the per-frame loops (no libm calls), in scalar and 8-lane forms.
enum FastMath {
    typealias Vector = SIMD8<Float>

    /// log2(x) for x > 0, absolute error below 1e-5.
    @inline(__always)
    static func log2(_ x: Float) -> Float {
        log2(Vector(repeating: x))[0]
    }

    /// Lane-wise log2(x) for x > 0, absolute error below 1e-5.
    @inline(__always)
    static func log2(_ x: Vector) -> Vector {
        let bits = unsafeBitCast(x, to: SIMD8<UInt32>.self)
        // The biased exponent as a float without an int→float conversion: 2²³ + e, minus (2²³ + 127).
        let exponent = unsafeBitCast(((bits &>> 23) & 0xff) | 0x4b00_0000, to: Vector.self) - 8_388_735
        let mantissa = unsafeBitCast((bits & 0x7f_ffff) | 0x3f80_0000, to: Vector.self)  // [1, 2)
        // log2(m) = 2/ln2 · atanh(t), t = (m−1)/(m+1) ∈ [0, 1/3): odd series to t⁹.
        let t = (mantissa - 1) / (mantissa + 1)
        let t2 = t * t
        var series = t2 * (1.0 / 9) + 1.0 / 7
        series = series * t2 + 1.0 / 5
        series = series * t2 + 1.0 / 3
        series = (series * t2 + 1) * t
        return exponent + 2.885_390_08 * series
    }

    /// 10·log10(x) with a floor of −120 dB.
    @inline(__always)
    static func decibels(power x: Float) -> Float {
        3.010_299_96 * log2(max(x, 1e-12))
    }

    /// 2^x for |x| < 126, relative error below 2e-6.
    @inline(__always)
    static func exp2(_ x: Float) -> Float {
        let y = min(max(x, -126), 126)
        let whole = y.rounded(.down)
        let f = y - whole
        let p = 1 + f * (0.693_147_18 + f * (0.240_226_51 + f * (0.055_504_11 + f * (0.009_618_13 + f * 0.001_333_55))))
        return p * Float(bitPattern: UInt32(Int32(whole) + 127) << 23)
    }

    /// The logistic function.
    @inline(__always)
    static func sigmoid(_ x: Float) -> Float {
        1 / (1 + exp2(-x * 1.442_695_04))
    }

    /// Lane-wise √x for x ≥ 0, relative error below 5e-6: x · (1/√x) with the bit-level initial guess and two
    /// Newton steps (the standard library's vector square root becomes eight libm calls here).
    @inline(__always)
    static func squareRoot(_ x: Vector) -> Vector {
        let safe = x.replacing(with: 1e-30, where: x .< 1e-30)
        let bits = unsafeBitCast(safe, to: SIMD8<UInt32>.self)
        var y = unsafeBitCast(0x5f37_5a86 &- (bits &>> 1), to: Vector.self)
        let half = 0.5 * safe
        y = y * (1.5 - half * y * y)
        y = y * (1.5 - half * y * y)
        return (safe * y).replacing(with: 0, where: x .< 1e-30)
    }

    /// Lane-wise maximum (the standard library's `pointwiseMax` is not inlined into these loops).
    @inline(__always)
    static func maximum(_ a: Vector, _ b: Vector) -> Vector {
        a.replacing(with: b, where: b .> a)
    }

    /// Eight floats from `p + offset`, any alignment.
    @inline(__always)
    static func load(_ p: UnsafePointer<Float>, _ offset: Int) -> Vector {
        UnsafeRawPointer(p + offset).loadUnaligned(as: Vector.self)
    }

    @inline(__always)
    static func store(_ v: Vector, _ p: UnsafeMutablePointer<Float>, _ offset: Int) {
        UnsafeMutableRawPointer(p + offset).storeBytes(of: v, as: Vector.self)
    }
}
