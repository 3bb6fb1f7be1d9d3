/// Local jitter and shimmer of the voiced stretch around a frame, from F0-guided period marks on the waveform.
///
/// Starting at the largest positive peak within half a period of the frame's centre, each next mark is the largest
/// sample 0.8–1.2 expected periods on (Praat's and openSMILE's search range), refined by parabolic interpolation,
/// over `halfSpan` samples either side (±40 ms: 5 to 40 periods). jitter = mean |Tᵢ − Tᵢ₊₁| / mean T and
/// shimmer = mean |Aᵢ − Aᵢ₊₁| / mean A over consecutive periods whose ratio stays below 1.3 (Praat's maximum
/// period factor); both `0` when fewer than three such periods are found.
enum VoiceQuality {
    /// Samples either side of the frame centre that the marks may use.
    static let halfSpan = 320
    private static let maximumMarks = 48

    /// `samples` holds `2 · halfSpan` samples centred on the frame.
    static func measure(_ samples: UnsafePointer<Float>, f0: Float) -> (jitter: Float, shimmer: Float) {
        let period = Float(FrameClock.sampleRate) / f0
        let length = 2 * halfSpan
        return withUnsafeTemporaryAllocation(of: (time: Float, amplitude: Float).self, capacity: 2 * maximumMarks) { marks in
            let middle = maximumMarks
            // Anchor: the largest sample within half a period of the centre.
            let centre = halfSpan
            let halfPeriod = Int(period / 2)
            let anchor = argmax(samples, from: centre - halfPeriod, to: centre + halfPeriod)
            marks[middle] = refine(samples, at: anchor)
            var after = 0, before = 0
            var position = anchor, expected = period
            while after < maximumMarks - 1 {
                let lo = position + Int((0.8 * expected).rounded(.up)), hi = position + Int(1.2 * expected)
                if hi >= length - 5 { break }
                let next = argmax(samples, from: lo, to: hi)
                after += 1
                marks[middle + after] = refine(samples, at: next)
                expected = Float(next - position)
                position = next
            }
            position = anchor; expected = period
            while before < maximumMarks - 1 {
                let lo = position - Int(1.2 * expected), hi = position - Int((0.8 * expected).rounded(.up))
                if lo < 4 { break }
                let previous = argmax(samples, from: lo, to: hi)
                before += 1
                marks[middle - before] = refine(samples, at: previous)
                expected = Float(position - previous)
                position = previous
            }
            var periodDifference: Float = 0, periodSum: Float = 0, amplitudeDifference: Float = 0
            var amplitudeSum: Float = 0, pairs = 0
            for i in (middle - before)..<(middle + after - 1) {
                let t1 = marks[i + 1].time - marks[i].time, t2 = marks[i + 2].time - marks[i + 1].time
                guard max(t1, t2) < 1.3 * min(t1, t2) else { continue }
                periodDifference += abs(t1 - t2)
                periodSum += t1
                amplitudeDifference += abs(marks[i].amplitude - marks[i + 1].amplitude)
                amplitudeSum += marks[i].amplitude
                pairs += 1
            }
            guard pairs >= 2, periodSum > 0, amplitudeSum > 0 else { return (0, 0) }
            return (periodDifference / periodSum, amplitudeDifference / amplitudeSum)
        }
    }

    @inline(__always)
    private static func argmax(_ x: UnsafePointer<Float>, from lo: Int, to hi: Int) -> Int {
        var best = lo
        for i in lo...hi where x[i] > x[best] { best = i }
        return best
    }

    /// Peak position (samples) and height around local maximum `i`: the signal is interpolated at the half-sample
    /// points either side (8-tap windowed sinc), and a parabola through the three highest half-sample-spaced
    /// points gives the peak. Plain parabolic interpolation on the 8 kHz grid misjudges the height of sharp
    /// telephone-band peaks by several per cent, which would read as shimmer.
    @inline(__always)
    private static func refine(_ x: UnsafePointer<Float>, at i: Int) -> (time: Float, amplitude: Float) {
        let before = halfSample(x, i - 1), centre = x[i], after = halfSample(x, i)
        var offset: Float = 0, height = centre
        let curvature = before - 2 * centre + after
        if curvature < 0 {
            let shift = 0.5 * (before - after) / curvature  // in half samples
            offset = 0.5 * shift
            height = centre - 0.25 * (before - after) * shift
        }
        return (Float(i) + offset, height)
    }

    /// x(i + ½) from the 8 nearest samples: sinc(m − ½) · Hann(width 9), m = −3…4 (taps sum to 1.0005).
    @inline(__always)
    private static func halfSample(_ x: UnsafePointer<Float>, _ i: Int) -> Float {
        let outer = -0.010_638_62 * (x[i - 3] + x[i + 4]), next = 0.052_607_19 * (x[i - 2] + x[i + 3])
        let inner = -0.159_154_94 * (x[i - 1] + x[i + 2]), centre = 0.617_423_34 * (x[i] + x[i + 1])
        return outer + next + inner + centre
    }
}
