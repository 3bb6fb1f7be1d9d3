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
            One audio file: the report goes to stdout (or -o FILE); a same-stem transcript (.json, .vtt, .srt) and \
            metadata (.meta.json) beside it are used unless --transcript or --metadata is given, and a note says so. \
            Several files or folders: every audio file is analyzed in parallel, each with its same-stem transcript \
            and metadata, and its report is written under -o DIR (mirroring the input folders), or next to each \
            call, each report's path printed. Calls whose report is newer than their files are skipped unless --force.

            Examples:
              undertone analyze call.wav --transcript call.json --format text
              undertone analyze call.wav --transcript agent=call.agent.json --transcript customer=call.customer.json
              undertone analyze recordings/ -o reports/
            """
    )

    @Argument(help: ArgumentHelp("Audio files or folders of calls.", valueName: "PATH"), completion: .file())
    var paths: [String]

    @Option(help: ArgumentHelp(
        "Transcript of a single call, or one per party (agent=FILE, customer=FILE); default: the same-stem file beside the audio.",
        valueName: "FILE|ROLE=FILE"))
    var transcript: [TranscriptArgument] = []

    @Option(help: ArgumentHelp("Call metadata JSON with agentName, customerName, company (single call only).", valueName: "FILE"))
    var metadata: String?

    @Option(help: ArgumentHelp(
        "Channel roles: agent,customer (stereo default), customer,agent (Amazon Connect), or channel numbers AGENT,CUSTOMER.",
        valueName: "ROLES"))
    var roles: ChannelRoles?

    @Flag(name: .customLong("fix-roles"), help: "Swap agent and customer when the transcript's words fit the audio only that way round.")
    var fixRoles = false

    @Option(name: .customLong("template"), help: ArgumentHelp("An extra rubric template (YAML); repeatable.", valueName: "FILE"))
    var templates: [String] = []

    @Flag(help: "Include per-frame tracks (speech probability, voicing, F0, loudness) in the report.")
    var frames = false

    @Option(name: .customLong("no-voice-emotion"), help: ArgumentHelp(
        "Turn off voice-based emotion inference for a role; repeatable.", valueName: "ROLE"))
    var noVoiceEmotion: [RoleArgument] = []

    @Option(help: ArgumentHelp("Report format.", valueName: "json|text"))
    var format: ReportFormat = .json

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp(
        "Single call: the report file (default: stdout). Several calls: the folder for their reports.", valueName: "PATH"))
    var output: String?

    @Flag(help: "Re-analyze calls whose report is already up to date.")
    var force = false

    @Option(help: ArgumentHelp("Calls analyzed at once in a batch (one per core).", valueName: "N"))
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("dead-air"), help: ArgumentHelp(
        "Seconds of silence (no speech, no music) that count as dead air.", valueName: "SECONDS"))
    var deadAir: Double = 5

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("Name at least one audio file or folder.") }
        guard deadAir > 0, deadAir < 3600 else { throw ValidationError("--dead-air must be between 0 and 3600 seconds.") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1.") }
        try TranscriptArgument.validate(transcript)
        if !isSingleCall, !transcript.isEmpty || metadata != nil {
            throw ValidationError("--transcript and --metadata apply to a single audio file; folders pair files by stem.")
        }
    }

    private var isSingleCall: Bool {
        var isDirectory: ObjCBool = false
        return paths.count == 1 && !(FileManager.default.fileExists(atPath: paths[0], isDirectory: &isDirectory) && isDirectory.boolValue)
    }

    private var options: AnalysisOptions {
        AnalysisOptions(
            channelMap: roles?.map, deadAirThreshold: deadAir,
            templates: templates.map { URL(fileURLWithPath: $0) }, voiceEmotionDisabled: Set(noVoiceEmotion.map(\.speaker)),
            includeFrames: frames, fixRoles: fixRoles
        )
    }

    func run() async throws {
        if isSingleCall { try analyzeSingleCall() } else { try await analyzeBatch() }
    }

    private func analyzeSingleCall() throws {
        if let output { try ReportWriter.checkFolder(of: output) }
        let audio = URL(fileURLWithPath: paths[0])
        var input = CallInput(audio: audio, metadata: metadata.map { URL(fileURLWithPath: $0) })
        for argument in transcript {
            let url = URL(fileURLWithPath: argument.path)
            if let party = argument.party { input.partyTranscripts[party] = url } else { input.transcript = url }
        }
        // As in a batch, the same-stem files beside the audio belong to the call unless others are named.
        let paired = CallDiscovery.pairedInput(for: audio)
        var found: [URL] = []
        if transcript.isEmpty, let file = paired.transcript { input.transcript = file; found.append(file) }
        if metadata == nil, let file = paired.metadata { input.metadata = file; found.append(file) }
        var report = try CallAnalyzer(options: options).analyze(input)
        if !found.isEmpty {
            let pairedNote = Diagnostic(.info, check: "pairedFiles",
                "Used \(found.map(\.lastPathComponent).joined(separator: " and ")) found beside the audio (name others with --transcript/--metadata)")
            report.diagnostics.insert(pairedNote, at: 0)
            report.notes.insert(pairedNote.note, at: 0)
        }
        let data = try format.render(report)
        if let output {
            try ReportWriter.write(data, to: output)
        } else {
            FileHandle.standardOutput.write(data)
            if format == .json { FileHandle.standardOutput.write(Data("\n".utf8)) }
        }
    }

    private func analyzeBatch() async throws {
        var calls: [CallInput] = []
        var roots: [URL] = []
        for path in paths {
            let found = try CallDiscovery.calls(in: path)
            if found.isEmpty {
                throw InputError(path: path, reason: "no audio files in this folder (looked for \(CallDiscovery.audioExtensions.sorted().joined(separator: ", ")))")
            }
            calls += found
            roots.append(URL(fileURLWithPath: path, isDirectory: true))
        }
        let analyzer = try CallAnalyzer(options: options)
        let runner = BatchRunner(
            calls: calls, roots: roots, outputDirectory: output.map { URL(fileURLWithPath: $0, isDirectory: true) },
            format: format, analyzer: analyzer, force: force, jobs: jobs
        )
        let summary = await runner.run()
        StandardError.line(String(
            format: "%d analyzed, %d skipped, %d failed in %.1f s wall (%.1f s of single-call time, %d jobs)",
            summary.analyzed, summary.skipped, summary.failures.count, summary.wallSeconds, summary.callSeconds, jobs
        ))
        if output == nil, !summary.written.isEmpty {
            StandardError.line("Reports written next to their calls (-o DIR puts them elsewhere):")
            for path in summary.written { StandardError.line("  \(path)") }
        }
        for failure in summary.failures { StandardError.line("failed: \(failure)") }
        if !summary.failures.isEmpty { throw ReportedFailure() }
    }
}

/// Which channel carries which party, as given to `--roles`: `agent,customer`, `customer,agent`, or two channel
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
