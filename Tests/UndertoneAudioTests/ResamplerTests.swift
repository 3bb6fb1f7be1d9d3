import Foundation
import Testing
import UndertoneAudio
import UndertoneTestSupport

@Suite struct ResamplerTests {
    static func resample(
        _ input: [Float], from inputRate: Int, to outputRate: Int = 8000, quality: Resampler.Quality = .analysis,
        block: Int = 4096
    ) throws -> [Float] {
        var resampler = try Resampler(from: inputRate, to: outputRate, channels: 1, quality: quality)
        var output: [[Float]] = [[]]
        for start in stride(from: 0, to: input.count, by: block) {
            try resampler.process([Array(input[start..<min(input.count, start + block)])], appendingTo: &output)
        }
        try resampler.flush(appendingTo: &output)
        return output[0]
    }

    /// Level of a tone of `frequency` after conversion to 8 kHz, relative to its input level, in dB; measured on
    /// the steady middle of two seconds.
    static func gain(frequency: Double, from rate: Int, quality: Resampler.Quality) throws -> Double {
        let input = TestSignals.sine(frequency: frequency, rate: rate, count: 2 * rate)
        let output = try resample(input, from: rate, quality: quality)
        return TestSignals.decibels(TestSignals.rms(output[2000..<14000]) / TestSignals.rms(input[...]))
    }

    @Test(arguments: [16000, 44100, 48000])
    func toneKeepsFrequencyLevelAndLength(rate: Int) throws {
        let input = TestSignals.sine(frequency: 1000, rate: rate, count: 2 * rate)
        let output = try Self.resample(input, from: rate, block: 997)
        #expect(abs(output.count - 16000) <= 1)
        #expect(abs(TestSignals.toneFrequency(output[1000..<15000], rate: 8000) - 1000) < 0.05)
        #expect(abs(TestSignals.decibels(TestSignals.rms(output[1000..<15000]) / TestSignals.rms(input[...]))) < 0.1)
    }

    /// Tones above the 4 kHz output Nyquist frequency would fold back into the speech band; the analysis
    /// converter must suppress them by at least 100 dB (measured 114.8 dB or more from 4.2 kHz up; see
    /// docs/measurements/audio.md).
    @Test(arguments: [16000, 44100, 48000])
    func aboveNyquistToneIsRejected(rate: Int) throws {
        for frequency in [4200.0, 4500, 5000, 6000] {
            #expect(try Self.gain(frequency: frequency, from: rate, quality: .analysis) < -100, "\(frequency) Hz")
        }
    }

    /// The telephone band (to 3.4 kHz) passes with under 0.1 dB loss (SRC_SINC_FASTEST loses 8.8 dB there,
    /// which is why the analysis uses MEDIUM).
    @Test(arguments: [16000, 44100, 48000])
    func telephoneBandPasses(rate: Int) throws {
        #expect(try Self.gain(frequency: 3400, from: rate, quality: .analysis) > -0.1)
        #expect(try Self.gain(frequency: 3400, from: rate, quality: .fastest) < -8)
    }

    @Test func blockSizeDoesNotChangeOutput() throws {
        let input = TestSignals.sine(frequency: 1234, rate: 44100, count: 44100)
        let whole = try Self.resample(input, from: 44100, block: input.count)
        for block in [1, 7, 441, 5000] {
            let chunked = try Self.resample(input, from: 44100, block: block)
            #expect(chunked.count == whole.count)
            #expect(zip(chunked, whole).allSatisfy { abs($0 - $1) < 1e-5 }, "block \(block)")
        }
    }

    @Test func rejectsNonsenseRates() {
        #expect(throws: AudioError.self) { _ = try Resampler(from: 0, to: 8000, channels: 1) }
        #expect(throws: AudioError.self) { _ = try Resampler(from: 8000, to: 8000, channels: 0) }
    }

    /// Prints the figures behind the converter choice: `UNDERTONE_MEASURE=1 swift test --filter converterFigures`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["UNDERTONE_MEASURE"] == "1"))
    func converterFigures() throws {
        for quality in Resampler.Quality.allCases {
            for rate in [16000, 44100, 48000] {
                let figures = try [3000.0, 3400, 3600, 3800, 4200, 4500, 5000, 6000].map {
                    String(format: "%.1f", try Self.gain(frequency: $0, from: rate, quality: quality))
                }
                TestTimings.print("gain \(quality) \(rate): " + figures.joined(separator: " "))
            }
        }
    }
}
