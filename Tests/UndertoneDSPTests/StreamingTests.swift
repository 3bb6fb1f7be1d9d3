import Testing
@testable import UndertoneDSP

@Suite struct StreamingTests {
    /// Voice with pauses and noise: exercises every stage (pitch path, VAD hangover, music window, syllables).
    static let call: [Float] = {
        var x = Synthetic.telephone(Synthetic.voice(f0: 130, seconds: 1.2))
        x += [Float](repeating: 0, count: 4000)
        x += Synthetic.telephone(Synthetic.voice(f0: 210, seconds: 0.9, perturbation: 0.01))
        x += Synthetic.chords(seconds: 2)
        let noise = Synthetic.whiteNoise(count: x.count, rms: 0.003, seed: 1)
        return zip(x, noise).map { $0 + $1 }
    }()

    private func frames(blockSize: Int) -> [Frame] {
        let analyzer = ChannelAnalyzer()
        var out: [Frame] = []
        var start = 0
        while start < Self.call.count {
            let end = min(Self.call.count, start + blockSize)
            Self.call[start..<end].withUnsafeBufferPointer { analyzer.push($0) { out.append($0) } }
            start = end
        }
        analyzer.finish { out.append($0) }
        return out
    }

    @Test func blockSizeDoesNotChangeAnyFrame() {
        let whole = Array(ChannelAnalyzer.analyze(samples: Self.call).frames)
        #expect(whole.count == (Self.call.count + 79) / 80)
        for size in [1, 160, 4096] {
            #expect(frames(blockSize: size) == whole, "block size \(size)")
        }
    }

    @Test func deliveredCountMatchesTheDocumentedLatency() {
        let analyzer = ChannelAnalyzer()
        var delivered = 0
        for (index, sample) in Self.call.prefix(12000).enumerated() {
            [sample].withUnsafeBufferPointer { analyzer.push($0) { _ in delivered += 1 } }
            let pushed = index + 1
            let complete = pushed >= ChannelAnalyzer.windowLookaheadSamples
                ? (pushed - ChannelAnalyzer.windowLookaheadSamples) / 80 + 1 : 0
            #expect(delivered == max(0, complete - ChannelAnalyzer.latencyFrames))
        }
    }

    @Test func frameIDescribesTheInstantITimesTenMilliseconds() {
        // A click at exactly 1.000 s peaks in frame 100, the frame centred on it.
        var x = [Float](repeating: 0, count: 16000)
        x[8000] = 1
        let frames = ChannelAnalyzer.analyze(samples: x).frames
        let loudest = frames.indices.max { frames[$0].energyDb < frames[$1].energyDb }
        #expect(loudest == 100)
    }

    @Test func concurrentAnalyzersShareThePlansSafely() async {
        let reference = ChannelAnalyzer.analyze(samples: Self.call)
        let results = await withTaskGroup(of: FrameTrack.self) { group in
            for _ in 0..<4 { group.addTask { ChannelAnalyzer.analyze(samples: Self.call) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 == reference })
    }

    @Test func nonFiniteSamplesAreSilenceAndDoNotPoisonLaterFrames() {
        var broken = Self.call
        for i in 3000..<3100 { broken[i] = i % 2 == 0 ? .nan : .infinity }
        var silenced = Self.call
        for i in 3000..<3100 { silenced[i] = 0 }
        let frames = ChannelAnalyzer.analyze(samples: broken).frames
        #expect(frames == ChannelAnalyzer.analyze(samples: silenced).frames)
    }

    @Test func absurdlyLargeSamplesKeepEveryMeasurementFinite() {
        var broken = Self.call
        broken[5000] = 1e30
        broken[5001] = -1e30
        let frames = ChannelAnalyzer.analyze(samples: broken).frames
        let finite = frames.allSatisfy {
            $0.energyDb.isFinite && $0.loudnessDb.isFinite && $0.f0Hz.isFinite && $0.hnrDb.isFinite
                && $0.spectralFlux.isFinite && $0.speechProbability.isFinite && $0.musicProbability.isFinite
        }
        #expect(finite)
    }

    @Test func emptyAndTinyInputs() {
        #expect(ChannelAnalyzer.analyze(samples: []).frames.isEmpty)
        #expect(ChannelAnalyzer.analyze(samples: [0.1]).frames.count == 1)
        #expect(ChannelAnalyzer.analyze(samples: [Float](repeating: 0, count: 81)).frames.count == 2)
    }
}
