import Benchmark
import Foundation
import UndertoneDSP

/// The speech network's weights from the repository's Models/vad (made by Scripts/models/fetch-silero-vad.sh).
private let voiceModel: SileroVoiceWeights = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../Models/vad/silero-vad-8k.bin").standardized
    guard let data = FileManager.default.contents(atPath: url.path),
          let weights = try? SileroVoiceWeights(bytes: [UInt8](data))
    else { fatalError("\(url.path) missing or unreadable: run Scripts/models/fetch-silero-vad.sh") }
    return weights
}()

/// One second (100 frames) of a voice-like test signal: a pulse train with gliding F0, 4 Hz syllables and a
/// little noise, so that every stage (pitch path, voice quality, VAD, music window, syllables) does real work.
private let oneSecond: [Float] = {
    var state: UInt64 = 7
    var out = [Float](repeating: 0, count: FrameClock.sampleRate)
    var next = 0.0
    for i in out.indices {
        let t = Double(i) / Double(FrameClock.sampleRate)
        if t >= next {
            out[i] = Float(0.4 * (0.2 + 0.8 * pow(sin(.pi * 4 * t), 2)))
            next += 1 / (140 * (1 + 0.1 * sin(2 * .pi * 1.3 * t)))
        }
        state = state &* 6364136223846793005 &+ 1442695040888963407
        out[i] += Float(Int64(bitPattern: state) >> 40) * 1e-9
    }
    // A one-pole low-pass turns the pulses into something with a spectral tilt.
    for i in 1..<out.count { out[i] += 0.9 * out[i - 1] }
    return out
}()

/// The analyzer under test, made by the benchmark's setup (benchmarks run one at a time).
nonisolated(unsafe) private var steadyAnalyzer: ChannelAnalyzer?

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.mallocCountTotal, .wallClock, .throughput],
        maxDuration: .seconds(5),
        maxIterations: 500
    )

    // What the harness itself allocates per run (the same on every run): the steady-state benchmark below must
    // report exactly this, i.e. zero allocations for its 1000 frames.
    Benchmark("Baseline: harness only, no analysis") { benchmark in
        for _ in benchmark.scaledIterations { oneSecond.withUnsafeBufferPointer { blackHole($0.count) } }
    }

    // Steady state: the analyzer is created and warmed up once in setup (its 200 ms lookahead filled, the music
    // window full); each run then pushes ten seconds of audio and receives 1000 frames. Its name is also the name of
    // its committed thresholds file (Thresholds/FrameAnalysis.<name>.p90.json: 0 mallocs), which
    // Scripts/benchmarks/check-allocations.sh checks; package-benchmark writes that file with spaces and colons
    // replaced but looks it up by the name as written, so the name has neither.
    Benchmark(
        "SteadyState-1000-frames-of-one-channel",
        configuration: .init(setup: {
            let analyzer = ChannelAnalyzer(voiceModel: voiceModel)
            for _ in 0..<3 { oneSecond.withUnsafeBufferPointer { analyzer.push($0) { _ in } } }
            steadyAnalyzer = analyzer
        }, teardown: { steadyAnalyzer = nil })
    ) { benchmark in
        guard let analyzer = steadyAnalyzer else { fatalError("setup did not run") }
        var voiced = 0
        for _ in benchmark.scaledIterations {
            for _ in 0..<10 {
                oneSecond.withUnsafeBufferPointer { samples in
                    analyzer.push(samples) { frame in voiced &+= frame.voiced ? 1 : 0 }
                }
            }
        }
        blackHole(voiced)
    }
}
