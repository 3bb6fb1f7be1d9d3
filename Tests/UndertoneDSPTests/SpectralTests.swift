import Foundation
import Testing
@testable import UndertoneDSP

@Suite struct SpectralTests {
    private func middle(_ samples: [Float]) -> FrameTrack.Frames.SubSequence {
        let frames = ChannelAnalyzer.analyze(samples: samples).frames
        return frames[10..<(frames.count - 10)]
    }

    @Test func fullScaleSineReadsMinusThreeDecibels() {
        for frame in middle(Synthetic.tone(hz: 1000, seconds: 1, amplitude: 1)) {
            #expect(abs(frame.energyDb + 3.01) < 0.05)
            #expect(abs(frame.loudnessDb + 3.01) < 0.1)
        }
    }

    @Test func loudnessIsAWeighted() {
        // A-weighting is −19.1 dB at 100 Hz and +1.2 dB at 2.5 kHz.
        let low = median(middle(Synthetic.tone(hz: 100, seconds: 1, amplitude: 0.1)).map(\.loudnessDb))
        let high = median(middle(Synthetic.tone(hz: 2500, seconds: 1, amplitude: 0.1)).map(\.loudnessDb))
        #expect(abs(low - (-23.01 - 19.1)) < 0.5)
        #expect(abs(high - (-23.01 + 1.3)) < 0.5)
    }

    @Test func toneShapeMeasures() {
        let frames = middle(Synthetic.tone(hz: 1000, seconds: 1))
        for frame in frames {
            #expect(abs(frame.zeroCrossingRate - 0.25) < 0.005)
            #expect(abs(frame.spectralCentroidHz - 1000) < 20)
            #expect(abs(frame.spectralRolloffHz - 1000) < 2 * AnalysisLayout.binHz)
            #expect(frame.spectralFlatness < 0.01)
            #expect(frame.spectralFlux < 0.01)
        }
    }

    @Test func whiteNoiseIsFlat() {
        let frames = middle(Synthetic.whiteNoise(count: 8000, rms: 0.1, seed: 4))
        #expect(median(frames.map(\.spectralFlatness)) > 0.5)
        #expect(abs(median(frames.map(\.spectralCentroidHz)) - 2000) < 150)
        #expect(abs(median(frames.map(\.zeroCrossingRate)) - 0.5) < 0.05)
    }

    @Test func centroidFollowsASweep() {
        let seconds = 5.0
        let frames = ChannelAnalyzer.analyze(samples: Synthetic.sweep(from: 300, to: 3000, seconds: seconds)).frames
        for i in stride(from: 30, to: 470, by: 10) {
            let hz = 300 + 2700 * FrameClock.time(ofFrame: i) / seconds
            #expect(abs(Double(frames[i].spectralCentroidHz) / hz - 1) < 0.05, "frame \(i): \(frames[i].spectralCentroidHz) Hz vs \(hz)")
        }
    }

    @Test func fluxMarksAnOnset() {
        let signal = [Float](repeating: 0, count: 4000) + Synthetic.tone(hz: 700, seconds: 0.5)
        let frames = ChannelAnalyzer.analyze(samples: signal).frames
        let peak = frames.indices.max { frames[$0].spectralFlux < frames[$1].spectralFlux }!
        #expect(abs(peak - 50) <= 3)
    }

    @Test func loudnessScoreIsCalibrated() {
        #expect(LoudnessScale.score(loudnessDb: -120) == 0)
        #expect(LoudnessScale.score(loudnessDb: 0) == 100)
        #expect(LoudnessScale.score(loudnessDb: -30) < LoudnessScale.score(loudnessDb: -20))
    }
}
