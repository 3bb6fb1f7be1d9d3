public import ArgumentParser
import Foundation
import UndertoneAnalysis
import UndertoneAudio
import UndertoneDSP

/// `undertone frames FILE`: dumps the per-frame measurements of one channel (a development tool).
public struct FramesCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "frames",
        abstract: "Print the 10 ms analysis frames of one channel as CSV or JSON lines.",
        discussion: """
            One line per frame: the instant in seconds, then every measurement (see docs/dsp.md). Channel 0 is \
            the agent in a standard recording.

            Example:
              undertone frames call.wav --channel 1 --format json
            """
    )

    public enum Format: String, ExpressibleByArgument, Sendable { case csv, json }

    @Argument(help: "The audio file.")
    var file: String

    @Option(help: "Channel to analyze, from 0.")
    var channel = 0

    @Option(help: "Output format: csv or json (one object per line).")
    var format: Format = .csv

    @Flag(help: "Run the speech network on every 32 ms chunk, also the plainly silent ones it normally skips.")
    var everyChunk = false

    public init() {}

    public func run() throws {
        var reader = try AnalysisAudioReader(path: file)
        guard channel >= 0, channel < reader.info.channels else {
            throw ValidationError("\(file): channel \(channel) does not exist (the file has \(reader.info.channels))")
        }
        let analyzer = ChannelAnalyzer(voiceModel: try VoiceModel.weights(), skipsSilence: !everyChunk)
        var index = 0
        var output = ""
        if format == .csv { print(Self.csvHeader) }
        let emit: (Frame) -> Void = { frame in
            output += format == .csv ? Self.csvLine(frame, index: index) : Self.jsonLine(frame, index: index)
            output += "\n"
            index += 1
            if output.utf8.count > 1 << 16 { print(output, terminator: ""); output = "" }
        }
        while let block = try reader.read() {
            block[channel].withUnsafeBufferPointer { analyzer.push($0, to: emit) }
        }
        analyzer.finish(to: emit)
        print(output, terminator: "")
    }

    static let csvHeader = "time,energyDb,loudnessDb,spectralCentroidHz,spectralFlatness,spectralRolloffHz,"
        + "spectralFlux,zeroCrossingRate,f0Hz,voiced,voicingConfidence,hnrDb,jitterLocal,shimmerLocal,"
        + "syllableNucleus,speechProbability,isSpeech,musicProbability,isMusic,snrDb"

    static func csvLine(_ f: Frame, index: Int) -> String {
        let values: [String] = [
            String(format: "%.2f", FrameClock.time(ofFrame: index)),
            g(f.energyDb), g(f.loudnessDb), g(f.spectralCentroidHz), g(f.spectralFlatness), g(f.spectralRolloffHz),
            g(f.spectralFlux), g(f.zeroCrossingRate), g(f.f0Hz), b(f.voiced), g(f.voicingConfidence), g(f.hnrDb),
            g(f.jitterLocal), g(f.shimmerLocal), b(f.syllableNucleus), g(f.speechProbability), b(f.isSpeech),
            g(f.musicProbability), b(f.isMusic), g(f.snrDb),
        ]
        return values.joined(separator: ",")
    }

    private static let booleanColumns: Set<Substring> = ["voiced", "syllableNucleus", "isSpeech", "isMusic"]

    static func jsonLine(_ f: Frame, index: Int) -> String {
        let names = csvHeader.split(separator: ",")
        let values = csvLine(f, index: index).split(separator: ",")
        let fields = zip(names, values).map { name, value in
            let json = booleanColumns.contains(name) ? (value == "1" ? "true" : "false") : String(value)
            return "\"\(name)\":\(json)"
        }
        return "{" + fields.joined(separator: ",") + "}"
    }

    private static func g(_ x: Float) -> String { String(format: "%.6g", x) }
    private static func b(_ x: Bool) -> String { x ? "1" : "0" }
}
