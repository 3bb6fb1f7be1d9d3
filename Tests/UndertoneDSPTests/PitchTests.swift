import Testing
@testable import UndertoneDSP

@Suite struct PitchTests {
    /// Voiced frames in the steady middle of a 2 s signal: the median F0 and the voiced share.
    private func steadyPitch(_ samples: [Float]) -> (f0: Float, voicedShare: Double, octaveJumps: Int) {
        let frames = ChannelAnalyzer.analyze(samples: samples).frames
        let middle = frames[20..<(frames.count - 20)]
        let voiced = middle.filter(\.voiced).map(\.f0Hz)
        let f0 = median(voiced)
        let jumps = voiced.filter { abs($0 / f0 - 1) > 0.2 }.count
        return (f0, Double(voiced.count) / Double(middle.count), jumps)
    }

    @Test(arguments: [80.0, 120.0, 200.0, 300.0])
    func telephoneBandPulseTrainKeepsItsMissingFundamental(f0: Double) {
        let signal = Synthetic.telephone(Synthetic.voice(f0: f0, seconds: 2))
        let result = steadyPitch(signal)
        #expect(abs(Double(result.f0) / f0 - 1) < 0.01, "measured \(result.f0) Hz for \(f0) Hz")
        #expect(result.voicedShare > 0.95)
        #expect(result.octaveJumps == 0)
    }

    @Test(arguments: [80.0, 120.0, 200.0, 300.0])
    func telephoneBandToneIsMeasuredWithinOnePercent(f0: Double) {
        let signal = Synthetic.telephone(Synthetic.tone(hz: f0, seconds: 2, amplitude: 0.8))
        let result = steadyPitch(signal)
        #expect(abs(Double(result.f0) / f0 - 1) < 0.01, "measured \(result.f0) Hz for \(f0) Hz")
        #expect(result.voicedShare > 0.95)
    }

    @Test func silenceAndNoiseAreUnvoiced() {
        let noise = Synthetic.whiteNoise(count: 16000, rms: 0.05, seed: 3)
        let frames = ChannelAnalyzer.analyze(samples: [Float](repeating: 0, count: 8000) + noise).frames
        #expect(frames.filter(\.voiced).count <= frames.count / 50)
        #expect(frames.allSatisfy { $0.voiced || $0.f0Hz == 0 })
    }

    @Test func harmonicsToNoiseRatioFollowsAddedNoise() {
        // Broadband pulse train (harmonics up to Nyquist) plus white noise at known harmonic-to-noise power ratios.
        let clean = Synthetic.pulses(at: Synthetic.pulseTimes(f0: 150, seconds: 2), count: 16000)
        for target in [0.0, 10.0, 20.0] {
            let noise = Synthetic.whiteNoise(count: clean.count, rms: Synthetic.rms(clean) / pow(10, target / 20), seed: 9)
            let frames = ChannelAnalyzer.analyze(samples: zip(clean, noise).map { $0 + $1 }).frames
            let hnr = median(frames[20..<180].filter(\.voiced).map(\.hnrDb))
            #expect(abs(Double(hnr) - target) < 2, "HNR \(hnr) dB for \(target) dB")
        }
    }
}

import Foundation
