#if DEBUG
import Foundation
import Testing
import UndertoneTestSupport
@testable import UndertoneDSP

/// The debug build's lane-by-lane `SIMD8` operators (DebugVectorOperators.swift) give bit for bit what the standard
/// library's generic operators give, which release builds use: a debug build must analyse audio exactly as a
/// release build does. The generic functions below cannot see the concrete overloads, so they call the standard
/// library's.
@Suite struct DebugVectorOperatorTests {
    typealias Vector = SIMD8<Float>
    typealias Bits = SIMD8<UInt32>

    static func add<V: SIMD>(_ a: V, _ b: V) -> V where V.Scalar: FloatingPoint { a + b }
    static func subtract<V: SIMD>(_ a: V, _ b: V) -> V where V.Scalar: FloatingPoint { a - b }
    static func multiply<V: SIMD>(_ a: V, _ b: V) -> V where V.Scalar: FloatingPoint { a * b }
    static func divide<V: SIMD>(_ a: V, _ b: V) -> V where V.Scalar: FloatingPoint { a / b }
    static func negate<V: SIMD>(_ a: V) -> V where V.Scalar: FloatingPoint { -a }
    static func scaled<V: SIMD>(_ a: V, _ s: V.Scalar) -> V where V.Scalar: FloatingPoint { s * a - s + a * s / s }
    static func select<V: SIMD>(_ a: V, _ b: V) -> V where V.Scalar: FloatingPoint { a.replacing(with: b, where: b .> a) }
    static func select<V: SIMD>(_ a: V, _ s: V.Scalar) -> V where V.Scalar: FloatingPoint { a.replacing(with: s, where: a .< s) }
    static func bitwise<V: SIMD>(_ a: V, _ b: V) -> V where V.Scalar: FixedWidthInteger {
        ((a & b) | (a &>> 3)) &- b & 0x7f_ffff | 0x3f80_0000
    }
    static func bitwiseFromScalar<V: SIMD>(_ a: V) -> V where V.Scalar: FixedWidthInteger { 0x5f37_5a86 &- (a &>> 1) }

    /// The same bits, or NaN in both.
    static func same(_ a: Vector, _ b: Vector) -> Bool {
        (0..<8).allSatisfy { a[$0].bitPattern == b[$0].bitPattern || (a[$0].isNaN && b[$0].isNaN) }
    }

    static let specials: [Float] = [
        0, -0.0, 1, -1, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, .leastNormalMagnitude,
        .greatestFiniteMagnitude, 1e-30, 3.4e38, 1.0 / 3,
    ]

    static func vectors(count: Int) -> [Vector] {
        var generator = SplitMix64(seed: 11)
        var result: [Vector] = []
        for i in 0..<count {
            var v = Vector()
            for lane in 0..<8 {
                let draw = generator.next()
                v[lane] = draw % 7 == 0
                    ? specials[Int(draw >> 8) % specials.count]
                    : Float(bitPattern: UInt32(truncatingIfNeeded: draw >> 16))
            }
            result.append(i % 5 == 0 ? v * 1e-3 : v)
        }
        return result
    }

    @Test func floatOperatorsMatchTheStandardLibrarysBitForBit() {
        let all = Self.vectors(count: 2000)
        var mismatches: [String] = []
        for (a, b) in zip(all, all.dropFirst()) {
            let s = b[3]
            var sum = a
            sum += b
            var difference = a
            difference -= b
            var replaced = a
            replaced.replace(with: b, where: b .> a)
            var plusScalar = a
            plusScalar += s
            let pairs: [(String, Vector, Vector)] = [
                ("+", a + b, Self.add(a, b)), ("-", a - b, Self.subtract(a, b)),
                ("*", a * b, Self.multiply(a, b)), ("/", a / b, Self.divide(a, b)), ("prefix -", -a, Self.negate(a)),
                ("scalar", s * a - s + a * s / s, Self.scaled(a, s)), ("+=", sum, Self.add(a, b)),
                ("-=", difference, Self.subtract(a, b)), ("replacing", a.replacing(with: b, where: b .> a), Self.select(a, b)),
                ("replace", replaced, Self.select(a, b)), ("replacing scalar", a.replacing(with: s, where: a .< s), Self.select(a, s)),
                ("scalar + and -", 1 + a - 2, Self.subtract(Self.add(Vector(repeating: 1), a), Vector(repeating: 2))),
                ("scalar - vector", 1.5 - a, Self.subtract(Vector(repeating: 1.5), a)),
                ("+= scalar", plusScalar, Self.add(a, Vector(repeating: s))),
            ]
            for (name, debug, standard) in pairs where !Self.same(debug, standard) {
                mismatches.append("\(name): \(a) and \(b) gave \(debug), the standard library \(standard)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
    }

    @Test func bitOperatorsMatchTheStandardLibrarys() {
        let all = Self.vectors(count: 501)
        for (a, b) in zip(all, all.dropFirst()) {
            let x = unsafeBitCast(a, to: Bits.self), y = unsafeBitCast(b, to: Bits.self)
            #expect(((x & y) | (x &>> 3)) &- y & 0x7f_ffff | 0x3f80_0000 == Self.bitwise(x, y))
            #expect(0x5f37_5a86 &- (x &>> 1) == Self.bitwiseFromScalar(x))
        }
    }

    @Test func fastMathGivesItsDocumentedAccuracyThroughTheseOperators() {
        // log2 within 1e-5 and √ within 5e-6 relative, over six decades: what FastMath promises, in this build.
        var x: Float = 1e-3
        while x < 1e3 {
            let v = Vector(repeating: x) * Vector(1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7)
            let logs = FastMath.log2(v), roots = FastMath.squareRoot(v)
            for lane in 0..<8 {
                #expect(abs(Double(logs[lane]) - Foundation.log2(Double(v[lane]))) < 1e-5, "log2(\(v[lane]))")
                #expect(abs(roots[lane] / v[lane].squareRoot() - 1) < 5e-6, "√\(v[lane])")
            }
            x *= 1.9
        }
    }
}
#endif
