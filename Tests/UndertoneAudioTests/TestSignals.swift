import Foundation

/// Synthetic signals with known answers, and the measures the tests compare against them.
enum TestSignals {
    static func sine(frequency: Double, rate: Int, count: Int, amplitude: Float = 0.5) -> [Float] {
        (0..<count).map { amplitude * Float(sin(2 * Double.pi * frequency * Double($0) / Double(rate))) }
    }

    /// Frequency of a steady tone from its rising zero crossings, interpolated between samples.
    static func toneFrequency(_ samples: ArraySlice<Float>, rate: Int) -> Double {
        var crossings: [Double] = []
        for index in samples.indices.dropFirst() where samples[index - 1] < 0 && samples[index] >= 0 {
            let before = Double(samples[index - 1])
            let after = Double(samples[index])
            crossings.append(Double(index - 1) + before / (before - after))
        }
        guard let first = crossings.first, let last = crossings.last, crossings.count > 1 else { return 0 }
        return Double(crossings.count - 1) * Double(rate) / (last - first)
    }

    static func rms(_ samples: ArraySlice<Float>) -> Double {
        guard !samples.isEmpty else { return 0 }
        return (samples.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(samples.count)).squareRoot()
    }

    static func decibels(_ ratio: Double) -> Double { 20 * log10(ratio) }

    /// Signal-to-noise ratio of `test` against `reference`, in dB.
    static func snr(reference: ArraySlice<Float>, test: ArraySlice<Float>) -> Double {
        var signal = 0.0
        var noise = 0.0
        for (r, t) in zip(reference, test) {
            signal += Double(r) * Double(r)
            noise += Double(r - t) * Double(r - t)
        }
        return 10 * log10(signal / max(noise, 1e-30))
    }

    /// Normalised correlation of two equally long signals.
    static func correlation(_ a: ArraySlice<Float>, _ b: ArraySlice<Float>) -> Double {
        var ab: Float = 0, aa: Float = 0, bb: Float = 0
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                for index in 0..<min(a.count, b.count) {
                    ab += a[index] * b[index]
                    aa += a[index] * a[index]
                    bb += b[index] * b[index]
                }
            }
        }
        return Double(ab) / max(Double(aa * bb).squareRoot(), 1e-30)
    }

    /// The lag (in samples, positive when `test` is late) within ±`maxLag` that best lines `test` up with
    /// `reference`, by normalised cross-correlation over `window`.
    static func bestLag(reference: [Float], test: [Float], window: Range<Int>, maxLag: Int) -> Int {
        var best = (lag: 0, score: -Double.infinity)
        for lag in -maxLag...maxLag {
            let shifted = (window.lowerBound + lag)..<(window.upperBound + lag)
            guard shifted.lowerBound >= 0, shifted.upperBound <= test.count else { continue }
            let score = correlation(reference[window], test[shifted])
            if score > best.score { best = (lag, score) }
        }
        return best.lag
    }
}

/// A directory under the system temp dir, removed when the test is done with it.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "undertone-audio-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String, bytes: [UInt8]) throws -> String {
        let filePath = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: filePath))
        return filePath
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Builds RIFF/WAVE files with chosen (possibly nonsensical) header fields.
enum WAVBuilder {
    static func bytes(
        formatTag: UInt16 = 1, channels: UInt16 = 2, rate: UInt32 = 8000, bitsPerSample: UInt16 = 16,
        data: [UInt8] = [UInt8](repeating: 0, count: 400), declaredDataBytes: UInt32? = nil
    ) -> [UInt8] {
        let blockAlign = channels * bitsPerSample / 8
        var fmt: [UInt8] = []
        fmt += le(formatTag) + le(channels) + le(rate) + le(rate * UInt32(blockAlign)) + le(blockAlign)
            + le(bitsPerSample)
        var body = Array("WAVE".utf8) + Array("fmt ".utf8) + le(UInt32(fmt.count)) + fmt
        body += Array("data".utf8) + le(declaredDataBytes ?? UInt32(data.count)) + data
        return Array("RIFF".utf8) + le(UInt32(body.count)) + body
    }

    /// 16-bit PCM samples as little-endian bytes.
    static func pcm16(_ samples: [Int16]) -> [UInt8] {
        samples.flatMap { le(UInt16(bitPattern: $0)) }
    }

    private static func le<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian, Array.init)
    }
}
