import ArgumentParser
import Foundation
import UndertoneAnalysis
import UndertoneAudio

/// `undertone analyze`: one call to stdout, or whole folders to report files.
struct AnalyzeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Analyze a call, or every call in folders.",
        discussion: """
            One audio file: the report goes to stdout (or -o OUT). Folders: every audio file in them is analyzed in \
            parallel, each with its same-stem transcript (.vtt, .srt, .json) and metadata (.meta.json), and its \
            report is written next to it (or under --out DIR). Calls whose report is newer than their files are \
            skipped unless --force.

            Examples:
              undertone analyze call.wav --transcript call.json --format text
              undertone analyze recordings/ --out reports/
            """
    )

    @Argument(help: "Audio files or folders of calls.", completion: .file())
    var paths: [String]

    @Option(help: "Transcript of the call (single call only; in folders, same-stem files are used).")
    var transcript: String?

    @Option(help: "Call metadata JSON with agentName, customerName, company (single call only).")
    var metadata: String?

    @Option(help: "Channel roles: agent,customer (default for stereo) or customer,agent (Amazon Connect); or two channel numbers AGENT,CUSTOMER.")
    var channels: ChannelRoles?

    @Option(name: .customLong("template"), help: "An extra rubric template (YAML); repeatable.")
    var templates: [String] = []

    @Flag(help: "Include per-frame tracks (speech probability, voicing, F0, loudness) in the report.")
    var frames = false

    @Option(name: .customLong("no-voice-emotion"), help: "Turn off voice-based emotion inference for a role (agent or customer); repeatable.")
    var noVoiceEmotion: [RoleArgument] = []

    @Option(help: "Report format: json or text.")
    var format: ReportFormat = .json

    @Option(name: [.short, .customLong("output")], help: "Write the single call's report to this file instead of stdout.")
    var output: String?

    @Option(name: .customLong("out"), help: "Folder for batch reports (mirrors the input folders); default: next to each call.")
    var outDirectory: String?

    @Flag(help: "Re-analyze calls whose report is already up to date.")
    var force = false

    @Option(help: "Calls analyzed at once in a batch (default: one per core).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("dead-air"), help: "Seconds of silence (no speech, no music) that count as dead air.")
    var deadAir: Double = 5

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("Name at least one audio file or folder.") }
        guard deadAir > 0, deadAir < 3600 else { throw ValidationError("--dead-air must be between 0 and 3600 seconds.") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1.") }
        if !isSingleCall, transcript != nil || metadata != nil || output != nil {
            throw ValidationError("--transcript, --metadata and -o apply to a single audio file; folders pair files by stem.")
        }
    }

    private var isSingleCall: Bool {
        var isDirectory: ObjCBool = false
        return paths.count == 1 && !(FileManager.default.fileExists(atPath: paths[0], isDirectory: &isDirectory) && isDirectory.boolValue)
    }

    private var options: AnalysisOptions {
        AnalysisOptions(
            channelMap: channels?.map, deadAirThreshold: deadAir,
            templates: templates.map { URL(fileURLWithPath: $0) }, voiceEmotionDisabled: Set(noVoiceEmotion.map(\.speaker)),
            includeFrames: frames
        )
    }

    func run() async throws {
        if isSingleCall { try analyzeSingleCall() } else { try await analyzeBatch() }
    }

    private func analyzeSingleCall() throws {
        let input = CallInput(
            audio: URL(fileURLWithPath: paths[0]),
            transcript: transcript.map { URL(fileURLWithPath: $0) },
            metadata: metadata.map { URL(fileURLWithPath: $0) }
        )
        let data = try format.render(try CallAnalyzer(options: options).analyze(input))
        if let output {
            try data.write(to: URL(fileURLWithPath: output), options: .atomic)
        } else {
            FileHandle.standardOutput.write(data)
            if format == .json { FileHandle.standardOutput.write(Data("\n".utf8)) }
        }
    }

    private func analyzeBatch() async throws {
        var calls: [CallInput] = []
        var roots: [URL] = []
        for path in paths {
            calls += try CallDiscovery.calls(in: path)
            roots.append(URL(fileURLWithPath: path, isDirectory: true))
        }
        let analyzer = try CallAnalyzer(options: options)
        let runner = BatchRunner(
            calls: calls, roots: roots, outputDirectory: outDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) },
            format: format, analyzer: analyzer, force: force, jobs: jobs
        )
        let summary = await runner.run()
        StandardError.line(String(
            format: "%d analyzed, %d skipped, %d failed in %.1f s wall (%.1f s of single-call time, %d jobs)",
            summary.analyzed, summary.skipped, summary.failures.count, summary.wallSeconds, summary.callSeconds, jobs
        ))
        for failure in summary.failures { StandardError.line("failed: \(failure)") }
        if !summary.failures.isEmpty { throw ReportedFailure() }
    }
}

/// Which channel carries which party, as given to `--channels`: `agent,customer`, `customer,agent`, or two channel
/// numbers `AGENT,CUSTOMER` to pick two channels of a multi-channel file.
struct ChannelRoles: ExpressibleByArgument, Equatable {
    var map: ChannelMap

    init?(argument: String) {
        switch argument.lowercased().replacingOccurrences(of: " ", with: "") {
        case "agent,customer": map = .agentFirst
        case "customer,agent": map = .customerFirst
        default:
            guard let map = ChannelMap(argument: argument) else { return nil }
            self.map = map
        }
    }
}

/// A party named on the command line.
enum RoleArgument: String, ExpressibleByArgument, CaseIterable {
    case agent, customer

    var speaker: Speaker { self == .agent ? .agent : .customer }
}
