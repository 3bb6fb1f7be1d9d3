import ArgumentParser
import Foundation
import UndertoneAnalysis
import UndertoneAudio

/// `undertone live`: the streaming pipeline on a file or stdin, alerts as JSON lines the moment they hold.
struct LiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "Run the live pipeline on audio from a file or stdin and print alerts as JSON lines.",
        discussion: """
            A container file (WAV, FLAC, Ogg, MP3…) is decoded as such. Raw input (stdin, or any file with \
            --encoding) names its encoding, rate and channel count; Opus packets are framed by a 2-byte big-endian \
            length. Stereo channels map to roles as in analyze. Each alert is one line: \
            {"kind", "audioTime", "start", "speaker", "summary"}; audioTime is the stream position when it fired.

            Examples:
              undertone live call.wav --pace 1
              sox call.wav -t raw -e mu-law -r 8000 -c 2 - | undertone live - --encoding mulaw --rate 8000 --channels 2
            """
    )

    @Argument(help: "Audio file, or - for stdin.")
    var input: String = "-"

    @Option(help: "Raw input encoding: pcm16, mulaw, alaw or opus (required for stdin).")
    var encoding: StreamEncodingArgument?

    @Option(help: "Sample rate of raw input in Hz.")
    var rate: Int = 8000

    @Option(help: "Channels of raw input (1 = mixed, 2 = agent and customer).")
    var channels: Int = 1

    @Option(help: "Channel roles for stereo input: agent,customer (default) or customer,agent.")
    var roles: ChannelRoles?

    @Option(help: "Speed: 1 is real time (default for stdin), 0 is as fast as possible (default for files).")
    var pace: Double?

    @Option(name: .customLong("dead-air"), help: "Seconds of silence that raise a deadAir alert.")
    var deadAir: Double = 5

    @Option(name: .customLong("long-hold"), help: "Seconds of hold that raise a longHold alert.")
    var longHold: Double = 60

    @Option(name: .customLong("interruption-burst"), help: "Interruptions by one party within --interruption-window that raise an alert.")
    var interruptionBurst: Int = 3

    @Option(name: .customLong("interruption-window"), help: "Seconds over which interruptions are counted.")
    var interruptionWindow: Double = 60

    @Option(name: .customLong("phrase"), help: "A phrase that raises an alert when a transcript event says it; repeatable.")
    var phrases: [String] = []

    @Option(help: "Live transcript events: a file of JSON lines {\"speaker\", \"start\", \"end\", \"text\"}, released when the audio reaches their end.")
    var events: String?

    func validate() throws {
        guard pace.map({ $0 == 0 || (1e-3...1e3).contains($0) }) ?? true else {
            throw ValidationError("--pace must be 0 (as fast as possible) or between 0.001 and 1000.")
        }
        guard (1...2).contains(channels) else { throw ValidationError("--channels must be 1 or 2.") }
        // `(0..<limit).contains` is false for NaN and infinity too.
        for (flag, value, limit) in [("--dead-air", deadAir, 3600.0), ("--long-hold", longHold, 86_400),
                                     ("--interruption-window", interruptionWindow, 86_400)]
        where !(value > 0 && value < limit) {
            throw ValidationError("\(flag) must be more than 0 and under \(Int(limit)) seconds, not \(value).")
        }
        guard (1..<1_000_000).contains(interruptionBurst) else {
            throw ValidationError("--interruption-burst must be 1 to 999999, not \(interruptionBurst).")
        }
        if input == "-", encoding == nil {
            throw ValidationError("Reading stdin needs --encoding (pcm16, mulaw, alaw or opus), --rate and --channels.")
        }
    }

    func run() throws {
        // A reader that closes the pipe ends the command through AlertPrinter, not through a signal.
        signal(SIGPIPE, SIG_IGN)
        // The stream's clock starts with the command, as a tap's audio would start flowing; loading the lexicon
        // happens within that time rather than before it.
        let pacer = Pacer(speed: pace ?? (input == "-" ? 1 : 0))
        var options = LiveAlertOptions()
        options.conversation.deadAirSeconds = deadAir
        options.longHoldSeconds = longHold
        options.interruptionBurstCount = interruptionBurst
        options.interruptionBurstSeconds = interruptionWindow
        options.phrases = phrases.map { PhraseRule($0) }
        try options.validate()
        let analyzer = try CallAnalyzer()
        let feed = LiveFeed(
            pacer: pacer, transcript: try events.map { path throws in try LiveTranscriptEvents(path: path) },
            printer: AlertPrinter()
        )
        if let encoding {
            try RawStreamLoop.run(
                source: input, format: StreamFormat(encoding: encoding.value, sampleRate: rate, channels: channels),
                map: channels == 1 ? nil : roles?.map, analyzer: analyzer, options: options, feed: feed
            )
        } else {
            try ContainerStreamLoop.run(path: input, map: roles?.map, analyzer: analyzer, options: options, feed: feed)
        }
    }
}

/// `--encoding` values.
struct StreamEncodingArgument: ExpressibleByArgument {
    let value: StreamEncoding

    init?(argument: String) {
        guard let value = StreamEncoding(rawValue: argument.lowercased()) else { return nil }
        self.value = value
    }

    static var allValueStrings: [String] { StreamEncoding.allCases.map(\.rawValue) }
}
