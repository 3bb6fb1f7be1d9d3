public import ArgumentParser
import Foundation
import UndertoneAnalysis
import UndertoneAudio
import UndertoneDSP

/// `undertone bench FILE`: real-time factor of decoding and of each analysis stage over all channels, one core.
///
/// Times are the CPU time of the calling thread (`CLOCK_THREAD_CPUTIME_ID`), best of `--repeats`, so that other
/// processes sharing the machine do not inflate them; everything runs on this one thread.
public struct BenchCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time decoding and each per-frame analysis stage on a file (single thread).",
        discussion: """
            Prints the real-time factor of decoding and of each analysis stage over all channels, on the CPU \
            time of one thread (best of --repeats).

            Example:
              undertone bench call.wav --repeats 5
            """
    )

    @Argument(help: "The audio file.")
    var file: String

    @Option(help: "Repeat each timing this many times and keep the fastest.")
    var repeats = 3

    public init() {}

    public func run() throws {
        var channels: [[Float]] = []
        var duration = 0.0
        let decode = try fastest(repeats) {
            var reader = try AnalysisAudioReader(path: file)
            channels = Array(repeating: [], count: reader.info.channels)
            while let block = try reader.read() {
                for c in block.indices { channels[c].append(contentsOf: block[c]) }
            }
            duration = Double(channels.first?.count ?? 0) / Double(FrameClock.sampleRate)
        }
        guard duration > 0 else { throw ValidationError("\(file): no audio to time") }

        // Cumulative pipelines; a stage's cost is the difference from the one before it.
        let pipelines: [(String, AnalysisStages)] = [
            ("spectrum (window, FFT, level, loudness, spectral shape)", [.spectrum]),
            ("pitch (autocorrelation, candidates, path, HNR)", [.spectrum, .pitch]),
            ("voice activity (speech network, noise floor) + music", [.spectrum, .pitch, .voiceActivity]),
            ("voice quality (jitter, shimmer) + syllables", .all),
        ]
        let voiceModel = try VoiceModel.weights()
        var sink = 0
        var cumulative: [Double] = []
        for (_, stages) in pipelines {
            cumulative.append(try fastest(repeats) {
                for samples in channels {
                    let analyzer = ChannelAnalyzer(stages: stages, voiceModel: voiceModel)
                    samples.withUnsafeBufferPointer { analyzer.push($0) { sink &+= $0.voiced ? 1 : 0 } }
                    analyzer.finish { sink &+= $0.voiced ? 1 : 0 }
                }
            })
        }
        let frames = Int(duration * 100) * channels.count
        print("file: \(file)  duration: \(String(format: "%.1f", duration)) s  channels: \(channels.count)  frames: \(frames)")
        print(row("stage (thread CPU time, best of \(repeats))", "seconds", "× real time", "µs/frame"))
        print(row("decode (file → 8 kHz float)", decode, duration, frames))
        for (i, (name, _)) in pipelines.enumerated() {
            print(row(name, cumulative[i] - (i > 0 ? cumulative[i - 1] : 0), duration, frames))
        }
        print(row("whole per-frame pipeline", cumulative.last!, duration, frames))
        print(row("whole + decode", cumulative.last! + decode, duration, frames))
        if sink < 0 { print(sink) }  // keeps the work observable
    }

    private func fastest(_ n: Int, _ body: () throws -> Void) throws -> Double {
        var best = Double.infinity
        for _ in 0..<max(1, n) {
            let start = Self.threadCPUSeconds()
            try body()
            best = min(best, Self.threadCPUSeconds() - start)
        }
        return best
    }

    private static func threadCPUSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
    }

    private func row(_ name: String, _ a: String, _ b: String, _ c: String) -> String {
        name.padding(toLength: 58, withPad: " ", startingAt: 0) + a.leftPad(10) + b.leftPad(14) + c.leftPad(10)
    }

    private func row(_ name: String, _ seconds: Double, _ duration: Double, _ frames: Int) -> String {
        row(name, String(format: "%.4f", seconds), String(format: "%.0f×", duration / seconds),
            String(format: "%.3f", seconds * 1e6 / Double(frames)))
    }
}

private extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
