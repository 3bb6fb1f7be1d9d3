#if DEBUG
// Lane-by-lane forms of the `SIMD8` operations the per-frame loops use, compiled into debug builds only.
//
// Why: without optimisation the standard library's SIMD operators run as generic code, each lane through protocol
// witnesses — about half a microsecond per 8-lane operation, which made the DSP core some 30 times slower in a debug
// build than in release and most of the debug test suite's time. These overloads are more specific than the
// standard library's generic ones, so the same source picks them in debug. Each lane is the same IEEE operation
// on the same operands (no reassociation, no fused multiply-add), so every result is bit for bit what the
// standard library's operators give; `DebugVectorOperatorTests` checks that against the generic operators. Release
// builds keep the standard library's operators, which the optimiser turns into vector instructions (these
// overloads would not be: measured 11 times slower in a release build of `log2`).

extension SIMD8 where Scalar == Float {
    @inline(__always)
    static func + (a: Self, b: Self) -> Self {
        Self(a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3], a[4] + b[4], a[5] + b[5], a[6] + b[6], a[7] + b[7])
    }

    @inline(__always)
    static func - (a: Self, b: Self) -> Self {
        Self(a[0] - b[0], a[1] - b[1], a[2] - b[2], a[3] - b[3], a[4] - b[4], a[5] - b[5], a[6] - b[6], a[7] - b[7])
    }

    @inline(__always)
    static func * (a: Self, b: Self) -> Self {
        Self(a[0] * b[0], a[1] * b[1], a[2] * b[2], a[3] * b[3], a[4] * b[4], a[5] * b[5], a[6] * b[6], a[7] * b[7])
    }

    @inline(__always)
    static func / (a: Self, b: Self) -> Self {
        Self(a[0] / b[0], a[1] / b[1], a[2] / b[2], a[3] / b[3], a[4] / b[4], a[5] / b[5], a[6] / b[6], a[7] / b[7])
    }

    /// 0 − a, as the standard library computes it: the negation of +0 is +0 here, not −0.
    @inline(__always)
    static prefix func - (a: Self) -> Self { 0 - a }

    @inline(__always) static func + (a: Self, b: Float) -> Self { a + Self(repeating: b) }
    @inline(__always) static func - (a: Self, b: Float) -> Self { a - Self(repeating: b) }
    @inline(__always) static func * (a: Self, b: Float) -> Self { a * Self(repeating: b) }
    @inline(__always) static func / (a: Self, b: Float) -> Self { a / Self(repeating: b) }
    @inline(__always) static func + (a: Float, b: Self) -> Self { Self(repeating: a) + b }
    @inline(__always) static func - (a: Float, b: Self) -> Self { Self(repeating: a) - b }
    @inline(__always) static func * (a: Float, b: Self) -> Self { Self(repeating: a) * b }
    @inline(__always) static func += (a: inout Self, b: Self) { a = a + b }
    @inline(__always) static func -= (a: inout Self, b: Self) { a = a - b }
    @inline(__always) static func += (a: inout Self, b: Float) { a = a + b }

    /// `b` in the lanes where `mask` is set, `self` elsewhere.
    @inline(__always)
    func replacing(with b: Self, where mask: SIMDMask<MaskStorage>) -> Self {
        let m = mask._storage
        return Self(
            m[0] != 0 ? b[0] : self[0], m[1] != 0 ? b[1] : self[1], m[2] != 0 ? b[2] : self[2],
            m[3] != 0 ? b[3] : self[3], m[4] != 0 ? b[4] : self[4], m[5] != 0 ? b[5] : self[5],
            m[6] != 0 ? b[6] : self[6], m[7] != 0 ? b[7] : self[7])
    }

    @inline(__always)
    func replacing(with b: Float, where mask: SIMDMask<MaskStorage>) -> Self {
        replacing(with: Self(repeating: b), where: mask)
    }

    @inline(__always)
    mutating func replace(with b: Self, where mask: SIMDMask<MaskStorage>) {
        self = replacing(with: b, where: mask)
    }
}

extension SIMD8 where Scalar == UInt32 {
    @inline(__always)
    static func & (a: Self, b: Self) -> Self {
        Self(a[0] & b[0], a[1] & b[1], a[2] & b[2], a[3] & b[3], a[4] & b[4], a[5] & b[5], a[6] & b[6], a[7] & b[7])
    }

    @inline(__always)
    static func | (a: Self, b: Self) -> Self {
        Self(a[0] | b[0], a[1] | b[1], a[2] | b[2], a[3] | b[3], a[4] | b[4], a[5] | b[5], a[6] | b[6], a[7] | b[7])
    }

    @inline(__always)
    static func &- (a: Self, b: Self) -> Self {
        Self(
            a[0] &- b[0], a[1] &- b[1], a[2] &- b[2], a[3] &- b[3], a[4] &- b[4], a[5] &- b[5], a[6] &- b[6],
            a[7] &- b[7])
    }

    @inline(__always)
    static func &>> (a: Self, b: UInt32) -> Self {
        Self(a[0] &>> b, a[1] &>> b, a[2] &>> b, a[3] &>> b, a[4] &>> b, a[5] &>> b, a[6] &>> b, a[7] &>> b)
    }

    @inline(__always) static func & (a: Self, b: UInt32) -> Self { a & Self(repeating: b) }
    @inline(__always) static func | (a: Self, b: UInt32) -> Self { a | Self(repeating: b) }
    @inline(__always) static func &- (a: UInt32, b: Self) -> Self { Self(repeating: a) &- b }
}
#endif
