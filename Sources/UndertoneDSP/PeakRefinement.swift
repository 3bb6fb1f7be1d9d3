import Foundation

/// Exact height and position of an autocorrelation peak between integer lags, from the power spectrum.
///
/// Parabolic interpolation of the sampled autocorrelation underestimates narrow peaks that fall between lags,
/// which matters for the harmonics-to-noise ratio near r = 1 (Praat uses sinc interpolation for the same reason).
/// The autocorrelation at any real lag τ is y(τ) = P₀ + 2 Σₖ Pₖ cos(2πkτ/N) + P_{N/2} cos(πτ); one Newton step
/// on y′/y″ from the parabolic estimate finds the peak, and a second pass evaluates y there.
enum PeakRefinement {
    /// The refined (lag, normalised autocorrelation) near `lag`; `inverseWindowCorrelation` as in
    /// `PitchCandidateFinder`.
    static func refine(power: UnsafePointer<Float>, lag: Float, inverseWindowCorrelation: UnsafePointer<Float>)
        -> (lag: Float, correlation: Float)
    {
        var zero = -0.5 * (power[0] + power[AnalysisLayout.fftSize / 2])  // y(0) = P₀ + 2 Σ Pₖ + P_{N/2}
        for k in 0...(AnalysisLayout.fftSize / 2) { zero += 2 * power[k] }
        guard zero > 0 else { return (lag, 0) }
        // The peak of r = y·g, g = 1 / window correlation (smooth: its derivatives from the integer-lag table).
        let g = inverseWindowCorrelation
        let i = Int(lag.rounded())
        let g0 = window(g, at: lag), g1 = 0.5 * (g[i + 1] - g[i - 1]), g2 = g[i + 1] - 2 * g[i] + g[i - 1]
        let y = evaluate(power: power, lag: lag)
        let slope = y.slope * g0 + y.value * g1
        let curvature = y.curvature * g0 + 2 * y.slope * g1 + y.value * g2
        var refined = lag
        if curvature < 0 { refined = lag - min(max(slope / curvature, -1), 1) }
        let value = evaluate(power: power, lag: refined).value
        var r = value / zero * window(g, at: refined)
        if r > 1 { r = 1 / r }
        return (refined, r)
    }

    /// The table `g` between integer lags: linear interpolation of a smooth curve.
    private static func window(_ g: UnsafePointer<Float>, at lag: Float) -> Float {
        let whole = Int(lag), fraction = lag - Float(whole)
        return g[whole] * (1 - fraction) + g[whole + 1] * fraction
    }

    /// y(τ), y′(τ) and y″(τ) (per lag unit) of the autocorrelation whose power spectrum is `power`.
    private static func evaluate(power: UnsafePointer<Float>, lag: Float) -> (value: Float, slope: Float, curvature: Float) {
        typealias Vector = FastMath.Vector
        let n = AnalysisLayout.fftSize
        let step = 2 * Double.pi * Double(lag) / Double(n)
        // Lanes hold bins k … k+7 (cos and sin of k·step, built by rotation from one libm call each);
        // rotating by 8·step moves to the next eight.
        let stepCos = cos(step), stepSin = sin(step)
        var c = Vector(), s = Vector()
        var laneCos = 1.0, laneSin = 0.0
        for lane in 0..<8 {
            c[lane] = Float(laneCos)
            s[lane] = Float(laneSin)
            (laneCos, laneSin) = (laneCos * stepCos - laneSin * stepSin, laneSin * stepCos + laneCos * stepSin)
        }
        let rc = Float(laneCos), rs = Float(laneSin)
        var k = Vector(0, 1, 2, 3, 4, 5, 6, 7)
        let omega = Float(2 * Double.pi / Double(n))
        var value = Vector(), slope = Vector(), curvature = Vector()
        let half = n / 2
        for v in 0..<(half / 8) {
            var p = FastMath.load(power, 8 * v)
            if v == 0 { p[0] *= 0.5 }  // the DC bin counts once, the others twice
            let w = k * omega
            value += p * c
            slope -= p * w * s
            curvature -= p * w * w * c
            (c, s) = (c * rc - s * rs, s * rc + c * rs)
            k += 8
        }
        let nyquist = power[half] * Float(cos(Double.pi * Double(lag)))
        return (2 * value.sum() + nyquist, 2 * slope.sum(), 2 * curvature.sum())
    }
}
