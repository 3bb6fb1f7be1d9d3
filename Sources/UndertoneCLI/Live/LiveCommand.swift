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

    @Argument(help: ArgumentHelp("Audio file, or - for stdin.", valueName: "FILE"))
    var input: String = "-"

    @Option(help: ArgumentHelp(
        "Raw input encoding (required for stdin); u-law, ulaw, pcmu and a-law, pcma as `info` prints them are accepted.",
        valueName: "pcm16|mulaw|alaw|opus"))
    var encoding: StreamEncodingArgument?

    @Option(help: ArgumentHelp("Sample rate of raw input in Hz.", valueName: "HZ"))
    var rate: Int = 8000

    @Option(help: ArgumentHelp(
        "Channels of raw input: 1 (mixed) or 2 (agent and customer); required with --encoding, as a stereo stream read as mono would run at twice its length.",
        valueName: "N"))
    var channels: Int?

    @Option(help: ArgumentHelp(
        "Channel roles: agent,customer (stereo default), customer,agent (Amazon Connect), or channel numbers AGENT,CUSTOMER.",
        valueName: "ROLES"))
    var roles: ChannelRoles?

    @Option(help: ArgumentHelp("Speed: 1 is real time, 0 as fast as possible; unless given, stdin runs at 1 and files at 0.", valueName: "SPEED"))
    var pace: Double?

    @Option(name: .customLong("dead-air"), help: ArgumentHelp("Seconds of silence that raise a deadAir alert.", valueName: "SECONDS"))
    var deadAir: Double = 5

    @Option(name: .customLong("long-hold"), help: ArgumentHelp("Seconds of hold that raise a longHold alert.", valueName: "SECONDS"))
    var longHold: Double = 60

    @Option(name: .customLong("interruption-burst"), help: ArgumentHelp(
        "Interruptions by one party within --interruption-window that raise an alert.", valueName: "N"))
    var interruptionBurst: Int = 3

    @Option(name: .customLong("interruption-window"), help: ArgumentHelp("Seconds over which interruptions are counted.", valueName: "SECONDS"))
    var interruptionWindow: Double = 60

    @Option(name: .customLong("phrase"), help: ArgumentHelp(
        "A phrase that raises an alert when the transcript says it, across words and event lines; repeatable.", valueName: "TEXT"))
    var phrases: [String] = []

    @Option(name: .customLong("silence-after"), help: ArgumentHelp(
        "Which agent turns a customer silence (customerSilenceAfterAgent) is measured after: questions (needs --events) or any turn.",
        valueName: "questions|any"))
    var silenceAfter: SilenceAfter = .questions

    @Option(help: ArgumentHelp(
        "Live transcript events: JSON lines {\"speaker\", \"start\", \"end\", \"text\"} of one word or one utterance each, released when the audio reaches their end.",
        valueName: "FILE"))
    var events: String?

    func validate() throws {
        guard pace.map({ $0 == 0 || (1e-3...1e3).contains($0) }) ?? true else {
            throw ValidationError("--pace must be 0 (as fast as possible) or between 0.001 and 1000.")
        }
        if let channels, !(1...2).contains(channels) { throw ValidationError("--channels must be 1 or 2.") }
        if encoding != nil, channels == nil {
            throw ValidationError("Raw input needs --channels 1 or 2: a stereo stream read as mono would run at twice its length.")
        }
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
        options.customerSilenceAfterQuestionsOnly = silenceAfter == .questions
        try options.validate()
        let analyzer = try CallAnalyzer()
        let feed = LiveFeed(
            pacer: pacer, transcript: try events.map { path throws in try LiveTranscriptEvents(path: path) },
            printer: AlertPrinter()
        )
        if let encoding {
            try RawStreamLoop.run(
                source: input, format: StreamFormat(encoding: encoding.value, sampleRate: rate, channels: channels ?? 1),
                map: channels == 2 ? roles?.map : nil, analyzer: analyzer, options: options, feed: feed
            )
        } else {
            try ContainerStreamLoop.run(path: input, map: roles?.map, analyzer: analyzer, options: options, feed: feed)
        }
    }
}

/// `--silence-after` values.
enum SilenceAfter: String, ExpressibleByArgument, CaseIterable {
    case questions, any
}

/// `--encoding` values.
struct StreamEncodingArgument: ExpressibleByArgument {
    let value: StreamEncoding

    /// Spellings of the G.711 encodings besides the canonical ones: what `info` prints and the RTP names.
    static let aliases: [String: StreamEncoding] = [
        "ulaw": .mulaw, "u-law": .mulaw, "mu-law": .mulaw, "μ-law": .mulaw, "pcmu": .mulaw, "g711u": .mulaw,
        "a-law": .alaw, "pcma": .alaw, "g711a": .alaw,
    ]

    init?(argument: String) {
        let name = argument.lowercased()
        guard let value = StreamEncoding(rawValue: name) ?? Self.aliases[name] else { return nil }
        self.value = value
    }

    static var allValueStrings: [String] { StreamEncoding.allCases.map(\.rawValue) }
}
