import Testing
@testable import UndertoneDSP

@Suite struct VoiceQualityTests {
    private func voicedMedian(_ samples: [Float], _ value: (Frame) -> Float) -> Float {
        let frames = ChannelAnalyzer.analyze(samples: samples).frames
        return median(frames[20..<(frames.count - 20)].filter(\.voiced).map(value))
    }

    @Test(arguments: [0.01, 0.02, 0.04])
    func jitterOfRandomPeriodPerturbation(perturbation: Double) {
        let times = Synthetic.pulseTimes(f0: 120, seconds: 3, perturbation: perturbation)
        let expected = Synthetic.localJitter(times)
        let jitter = Double(voicedMedian(Synthetic.telephone(Synthetic.voice(times: times, seconds: 3)), \.jitterLocal))
        #expect(abs(jitter / expected - 1) < 0.25, "jitter \(jitter), sequence has \(expected)")
    }

    @Test func steadyPulseTrainHasNoJitterOrShimmer() {
        let steady = Synthetic.telephone(Synthetic.voice(f0: 120, seconds: 2))
        #expect(voicedMedian(steady, \.jitterLocal) < 0.002)
        #expect(voicedMedian(steady, \.shimmerLocal) < 0.01)
    }

    @Test func shimmerOfRandomAmplitudePerturbation() {
        var random = Synthetic.Random(seed: 21)
        let times = Synthetic.pulseTimes(f0: 120, seconds: 3)
        let amplitudes = times.map { _ in 1 + 0.2 * (2 * random.uniform() - 1) }
        let expected = Synthetic.localPerturbation(amplitudes)
        let signal = Synthetic.telephone(Synthetic.voice(times: times, seconds: 3, amplitudes: amplitudes))
        let shimmer = Double(voicedMedian(signal, \.shimmerLocal))
        #expect(abs(shimmer / expected - 1) < 0.25, "shimmer \(shimmer), sequence has \(expected)")
    }
}
