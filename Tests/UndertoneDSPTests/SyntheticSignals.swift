import Foundation
import UndertoneDSP
import UndertoneTestSupport

/// Test signals with known answers, at `FrameClock.sampleRate`.
enum Synthetic {
    static let rate = Double(FrameClock.sampleRate)

    /// The shared deterministic generator, so that every run tests the same noise.
    typealias Random = SplitMix64

    static func samples(seconds: Double) -> Int { Int(seconds * rate) }

    static func tone(hz: Double, seconds: Double, amplitude: Double = 0.5) -> [Float] {
        (0..<samples(seconds: seconds)).map { Float(amplitude * sin(2 * .pi * hz * Double($0) / rate)) }
    }

    /// Linear sweep from `from` to `to` Hz; instantaneous frequency at time t is from + (to − from)·t/seconds.
    static func sweep(from: Double, to: Double, seconds: Double, amplitude: Double = 0.3) -> [Float] {
        (0..<samples(seconds: seconds)).map { i in
            let t = Double(i) / rate
            return Float(amplitude * sin(2 * .pi * (from * t + 0.5 * (to - from) * t * t / seconds)))
        }
    }

    /// Band-limited unit pulses at the given instants (seconds), Hann-windowed sinc of ±16 samples.
    static func pulses(at times: [Double], amplitudes: [Double]? = nil, count: Int) -> [Float] {
        var out = [Double](repeating: 0, count: count)
        for (n, t) in times.enumerated() {
            let centre = t * rate
            let a = amplitudes?[n] ?? 1
            let lo = max(0, Int(centre) - 16), hi = min(count - 1, Int(centre) + 16)
            guard lo <= hi else { continue }
            for i in lo...hi {
                let x = Double(i) - centre
                let sinc = x == 0 ? 1 : sin(.pi * x * 0.9) / (.pi * x * 0.9) * 0.9
                let window = 0.5 + 0.5 * cos(.pi * x / 17)
                out[i] += a * sinc * window
            }
        }
        return out.map(Float.init)
    }

    /// Pulse instants for a train at `f0` Hz; each period is scaled by 1 + `perturbation`·u, u uniform in [−1, 1]
    /// (seeded), so the expected local jitter is (2/3)·perturbation.
    static func pulseTimes(f0: Double, seconds: Double, perturbation: Double = 0, seed: UInt64 = 11) -> [Double] {
        var random = Random(seed: seed)
        var times: [Double] = []
        var t = 0.5 / f0
        while t < seconds {
            times.append(t)
            t += (1 + perturbation * (2 * random.uniform() - 1)) / f0
        }
        return times
    }

    /// Local jitter of a pulse sequence: mean |Tᵢ − Tᵢ₊₁| / mean T.
    static func localJitter(_ times: [Double]) -> Double {
        let periods = zip(times.dropFirst(), times).map { $0 - $1 }
        return localPerturbation(periods)
    }

    /// mean |vᵢ − vᵢ₊₁| / mean v.
    static func localPerturbation(_ values: [Double]) -> Double {
        let differences = zip(values.dropFirst(), values).map { abs($0 - $1) }
        return (differences.reduce(0, +) / Double(differences.count)) / (values.reduce(0, +) / Double(values.count))
    }

    /// A voice-like source: pulse train through a glottal tilt and two formant resonators.
    static func voice(f0: Double, seconds: Double, perturbation: Double = 0, amplitudes: [Double]? = nil) -> [Float] {
        voice(times: pulseTimes(f0: f0, seconds: seconds, perturbation: perturbation), seconds: seconds, amplitudes: amplitudes)
    }

    static func voice(times: [Double], seconds: Double, amplitudes: [Double]? = nil) -> [Float] {
        var x = pulses(at: times, amplitudes: amplitudes, count: samples(seconds: seconds))
        x = Biquad.lowPass(hz: 900, q: 0.7).run(x)
        x = Biquad.peak(hz: 700, q: 5, gainDb: 12).run(x)
        x = Biquad.peak(hz: 1200, q: 5, gainDb: 10).run(x)
        return normalise(x, peak: 0.5)
    }

    /// Speech-like voicing: F0 gliding ±12 % around `f0` (intonation), amplitude modulated at 4 Hz (syllables),
    /// through the telephone band, peak 0.5.
    static func speechLike(seconds: Double, f0: Double = 140) -> [Float] {
        var times: [Double] = [], amplitudes: [Double] = []
        var t = 0.0
        while t < seconds {
            times.append(t)
            let syllable = sin(.pi * 4 * t)
            amplitudes.append(0.1 + 0.9 * syllable * syllable)
            t += 1 / (f0 * (1 + 0.12 * sin(2 * .pi * 1.3 * t)))
        }
        var x = pulses(at: times, amplitudes: amplitudes, count: samples(seconds: seconds))
        x = Biquad.lowPass(hz: 900, q: 0.7).run(x)
        x = Biquad.peak(hz: 600, q: 4, gainDb: 12).run(x)
        x = Biquad.peak(hz: 1700, q: 4, gainDb: 10).run(x)
        return normalise(telephone(x), peak: 0.5)
    }

    /// DTMF digits: 120 ms of two tones, 80 ms of silence.
    static func dtmf(seconds: Double) -> [Float] {
        let rows = [697.0, 770, 852, 941], columns = [1209.0, 1336, 1477]
        return (0..<samples(seconds: seconds)).map { i in
            let t = Double(i) / rate
            let digit = Int(t / 0.2)
            guard t - Double(digit) * 0.2 < 0.12 else { return 0 }
            let r = rows[digit % 4], c = columns[digit % 3]
            return Float(0.2 * (sin(2 * .pi * r * t) + sin(2 * .pi * c * t)))
        }
    }

    /// The telephone band: 4th-order 300 Hz high-pass and 4th-order 3400 Hz low-pass.
    static func telephone(_ x: [Float]) -> [Float] {
        var y = Biquad.highPass(hz: 300, q: 0.5412).run(x)
        y = Biquad.highPass(hz: 300, q: 1.3066).run(y)
        y = Biquad.lowPass(hz: 3400, q: 0.5412).run(y)
        return Biquad.lowPass(hz: 3400, q: 1.3066).run(y)
    }

    static func whiteNoise(count: Int, rms: Double, seed: UInt64) -> [Float] {
        var random = Random(seed: seed)
        return (0..<count).map { _ in Float(rms * random.gaussian()) }
    }

    static func rms(_ x: [Float]) -> Double {
        (x.reduce(0) { $0 + Double($1) * Double($1) } / Double(max(1, x.count))).squareRoot()
    }

    static func normalise(_ x: [Float], peak: Double) -> [Float] {
        let m = x.map { abs($0) }.max() ?? 0
        return m > 0 ? x.map { Float(Double($0) * peak / Double(m)) } : x
    }

    /// Sustained chords (fundamental + 5 partials per note, three notes) changing every `chordSeconds`.
    static func chords(seconds: Double, chordSeconds: Double = 0.6) -> [Float] {
        let progression: [[Double]] = [[261.6, 329.6, 392.0], [220.0, 261.6, 329.6], [174.6, 220.0, 261.6], [196.0, 246.9, 293.7]]
        let n = samples(seconds: seconds)
        var out = [Float](repeating: 0, count: n)
        for i in 0..<n {
            let t = Double(i) / rate
            let index = Int(t / chordSeconds)
            let local = t - Double(index) * chordSeconds
            let envelope = min(1, local * 50) * exp(-local * 1.2)
            var v = 0.0
            for f in progression[index % progression.count] {
                for h in 1...6 { v += sin(2 * .pi * f * Double(h) * t) / pow(Double(h), 1.3) }
            }
            out[i] = Float(0.05 * envelope * v)
        }
        return out
    }
}

/// An RBJ-cookbook biquad at `Synthetic.rate`.
struct Biquad {
    var b0, b1, b2, a1, a2: Double

    static func lowPass(hz: Double, q: Double) -> Biquad {
        let w = 2 * Double.pi * hz / Synthetic.rate, alpha = sin(w) / (2 * q), c = cos(w), a0 = 1 + alpha
        return Biquad(b0: (1 - c) / 2 / a0, b1: (1 - c) / a0, b2: (1 - c) / 2 / a0, a1: -2 * c / a0, a2: (1 - alpha) / a0)
    }

    static func highPass(hz: Double, q: Double) -> Biquad {
        let w = 2 * Double.pi * hz / Synthetic.rate, alpha = sin(w) / (2 * q), c = cos(w), a0 = 1 + alpha
        return Biquad(b0: (1 + c) / 2 / a0, b1: -(1 + c) / a0, b2: (1 + c) / 2 / a0, a1: -2 * c / a0, a2: (1 - alpha) / a0)
    }

    static func peak(hz: Double, q: Double, gainDb: Double) -> Biquad {
        let a = pow(10, gainDb / 40), w = 2 * Double.pi * hz / Synthetic.rate, alpha = sin(w) / (2 * q), c = cos(w)
        let a0 = 1 + alpha / a
        return Biquad(b0: (1 + alpha * a) / a0, b1: -2 * c / a0, b2: (1 - alpha * a) / a0, a1: -2 * c / a0, a2: (1 - alpha / a) / a0)
    }

    func run(_ x: [Float]) -> [Float] {
        var x1 = 0.0, x2 = 0.0, y1 = 0.0, y2 = 0.0
        return x.map { sample in
            let v = Double(sample)
            let y = b0 * v + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
            x2 = x1; x1 = v; y2 = y1; y1 = y
            return Float(y)
        }
    }
}

/// The median of `values` (0 when empty).
func median(_ values: [Float]) -> Float {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}
