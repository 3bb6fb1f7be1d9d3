public import ArgumentParser
import Foundation
import UndertoneAudio

/// `undertone info FILE…`: what each audio file holds, and with `--decode` whether every sample decodes.
public struct InfoCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Print the format, codec, sample rate, channels and duration of audio files.",
        discussion: """
            A file that cannot be read gets a one-line error on stderr; the other files are still shown, and the \
            command exits with status 1 at the end.

            Examples:
              undertone info AudioFixtures/formats/clip-mulaw.wav
              undertone info --decode calls/*.wav
            """
    )

    @Argument(help: "Audio files (WAV, FLAC, Ogg Vorbis/Opus, MP3 and whatever else libsndfile reads).")
    var files: [String]

    @Flag(help: "Decode every sample at the analysis rate, checking the file is complete, and print the speed.")
    var decode = false

    @Option(
        name: .customLong("channels"),
        help: ArgumentHelp("Which channels hold the agent and the customer, for --decode.", valueName: "AGENT,CUSTOMER"),
        transform: { argument in
            guard let map = ChannelMap(argument: argument) else {
                throw ValidationError("--channels takes two different channel numbers, e.g. 0,1 or 1,0")
            }
            return map
        }
    )
    var channelMap: ChannelMap?

    @Option(help: ArgumentHelp("Converter for --decode when a file is not at 8 kHz: fastest, medium or best.",
                               valueName: "quality"),
            transform: { argument in
                guard let quality = Resampler.Quality(rawValue: argument) else {
                    throw ValidationError("--resampler takes fastest, medium or best")
                }
                return quality
            })
    var resampler: Resampler.Quality = .analysis

    public init() {}

    public func run() throws {
        var failed = false
        for path in files {
            do throws(AudioError) {
                print(try describe(path))
            } catch {
                StandardError.line("\(error)")
                failed = true
            }
        }
        if failed { throw ReportedFailure() }
    }

    private func describe(_ path: String) throws(AudioError) -> String {
        guard decode else { return Self.summary(of: try SoundFile(path: path).info) }
        var reader = try AnalysisAudioReader(path: path, channels: channelMap, quality: resampler)
        let clock = ContinuousClock()
        let start = clock.now
        var tracks: [[Float]] = []
        var frames = 0
        while try reader.read(into: &tracks) { frames += tracks[0].count }
        let seconds = (clock.now - start) / .seconds(1)
        let speed = seconds > 0 ? reader.info.durationSeconds / seconds : .infinity
        let warning = LengthWarning.text(declared: reader.info, decodedFrames: reader.framesDecoded)
        return Self.summary(of: reader.info)
            + " decoded=\(frames)@\(reader.targetRate)Hz speed=\(String(format: "%.0f", speed))x"
            + (warning.map { "\n  " + $0 } ?? "")
    }

    private static func summary(of info: AudioFileInfo) -> String {
        "\(info.path)  format=\(info.container) codec=\(info.codec) rate=\(info.sampleRate) channels=\(info.channels) "
            + "duration=\(String(format: "%.3f", info.durationSeconds))s"
    }
}
