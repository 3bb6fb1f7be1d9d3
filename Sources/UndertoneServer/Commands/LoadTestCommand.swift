import ArgumentParser
import Foundation
import Logging

/// `undertone-server loadtest`: many Twilio Media Streams calls at once against a running server, with alert
/// delivery latency and the server's CPU and memory (issue 13).
struct LoadTestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loadtest",
        abstract: "Stream the fixture calls as N concurrent real-time Twilio calls to a running server and measure alert latency.",
        discussion: """
            Opens --streams Twilio Media Streams connections to /v1/taps/twilio (both tracks, 20 ms μ-law frames at \
            real-time pace, starts spread over --ramp seconds), each streaming the calls of --calls back to back \
            (stream i from call i) for --seconds of audio; subscribes to GET /v1/live/alerts and times each alert from \
            the moment the frame that completed it was sent. With --server-pid (or --pid-file) it reads the server's \
            CPU time and peak memory from /proc. Scripts/server/loadtest.sh starts a throwaway server around it.

            Example:
              undertone-server loadtest --url http://127.0.0.1:8080 --key $ADMIN_KEY --streams 50 --pid-file serve.pid
            """
    )

    @Option(help: "The server's base URL.")
    var url: String = "http://127.0.0.1:8080"

    @Option(help: "API key for the taps (role ingest or admin).")
    var key: String

    @Option(help: "API key for the alert stream and call lookups (role qa or admin; default: --key).")
    var alertsKey: String?

    @Option(help: "Concurrent streams.")
    var streams: Int = 10

    @Option(help: "Seconds of audio each stream sends (default: one pass through the calls).")
    var seconds: Double?

    @Option(help: "Seconds over which the streams' starts are spread.")
    var ramp: Double = 10

    @Option(help: "Folder of stereo 8 kHz μ-law WAV calls (agent left, customer right) to stream.")
    var calls: String = "AudioFixtures/calls"

    @Option(help: "The server's process id, for its CPU time and memory.")
    var serverPid: Int?

    @Option(help: "A file holding the server's process id (instead of --server-pid).")
    var pidFile: String?

    @Option(help: "Seconds to keep listening for alerts after the last stream closed.")
    var linger: Double = 3

    @Option(help: "The alert latency p99 a run must stay within to hold, in milliseconds.")
    var latencyBarMs: Double = 200

    @Flag(help: "Print the report as JSON.")
    var json = false

    func validate() throws {
        guard streams >= 1 else { throw ValidationError("--streams must be at least 1") }
        if let seconds { guard seconds >= 0.02 else { throw ValidationError("--seconds must be at least one 20 ms frame") } }
        guard ramp >= 0, linger >= 0 else { throw ValidationError("--ramp and --linger must be 0 or more") }
        guard url.hasPrefix("http://") else { throw ValidationError("--url takes http://HOST:PORT (the generator speaks plain HTTP and ws://)") }
        if serverPid != nil, pidFile != nil { throw ValidationError("--server-pid and --pid-file: give one") }
    }

    func run() async throws {
        var logger = ServerLogging.logger(label: "undertone.loadtest")
        if ProcessInfo.processInfo.environment["LOG_LEVEL"] == nil { logger.logLevel = .warning }
        var pid = serverPid.map(String.init)
        if let pidFile {
            let text = try String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            guard Int(text) != nil else { throw ValidationError("--pid-file \(pidFile): holds \"\(text.prefix(20))\", not a process id") }
            pid = text
        }
        if let pid { _ = try ProcessUsage.read(pid: pid) }
        let frames = try FixtureFrames(directory: URL(fileURLWithPath: calls, isDirectory: true))
        let generator = LoadGenerator(
            baseURL: url.hasSuffix("/") ? String(url.dropLast()) : url, key: key, alertsKey: alertsKey ?? key,
            streams: streams, secondsEach: seconds ?? frames.seconds, ramp: ramp, linger: linger, frames: frames,
            serverPID: pid, latencyBar: latencyBarMs / 1000, logger: logger
        )
        let report = try await generator.run()
        print(json ? report.json : report.text)
    }
}
