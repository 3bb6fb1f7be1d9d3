import ArgumentParser
import Foundation
import Hummingbird
import Logging

/// `undertone serve`: the HTTP API with in-process workers.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the HTTP API (POST /v1/calls, reports, metrics) and analyse calls in-process.",
        discussion: """
            Every route but /healthz and /readyz needs `Authorization: Bearer KEY`; create one with \
            `undertone keys create --role admin`. TLS belongs to a reverse proxy in front (see the README).

            Examples:
              undertone serve
              undertone serve --listen 0.0.0.0:8080 --database postgres://undertone@db/undertone --workers 0
            """
    )

    @OptionGroup var storage: StoreOptions
    @OptionGroup var workerOptions: WorkerArguments

    @Option(help: "Address and port to listen on.")
    var listen: String = "127.0.0.1:8080"

    @Option(help: "Largest accepted upload, in megabytes (larger ones get 413).")
    var maxUploadMb: Int = 512

    @Option(help: "URL to POST {\"id\",\"status\"} to when a call is done or failed.")
    var webhook: String?

    @Option(help: "Secret for the webhook's X-Undertone-Signature (default: $UNDERTONE_WEBHOOK_SECRET).")
    var webhookSecret: String?

    @OptionGroup var taps: TapArguments

    func validate() throws {
        guard parsedListen != nil else { throw ValidationError("--listen takes HOST:PORT, e.g. 127.0.0.1:8080") }
        guard maxUploadMb >= 1 else { throw ValidationError("--max-upload-mb must be at least 1") }
        if webhook != nil, secret == nil {
            throw ValidationError("--webhook needs --webhook-secret or $UNDERTONE_WEBHOOK_SECRET to sign its posts")
        }
        try workerOptions.validate()
    }

    private var parsedListen: (host: String, port: Int)? {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
              (0...65535).contains(port) else { return nil }
        let host = String(listen[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return host.isEmpty ? nil : (host, port)
    }

    private var secret: String? { webhookSecret ?? ProcessInfo.processInfo.environment["UNDERTONE_WEBHOOK_SECRET"] }

    func run() async throws {
        let logger = ServerLogging.logger(label: "undertone.serve")
        let store = try await storage.open(logger: logger)
        var configuration = ServerConfiguration()
        (configuration.host, configuration.port) = parsedListen!
        configuration.data = storage.dataURL
        configuration.maxUploadBytes = maxUploadMb << 20
        configuration.workers = workerOptions.options
        configuration.taps = taps.settings
        if let webhook, let secret { configuration.webhook = WebhookNotifier(url: webhook, secret: secret, logger: logger) }
        let app = try ServerApplication.make(store: store, configuration: configuration, logger: logger)
        try await app.runService()
    }
}

/// Queue options shared by `serve` and `worker`.
struct WorkerArguments: ParsableArguments {
    @Option(help: "Analyses at once in this process (default: one per core; 0 with serve: API only).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Seconds a claimed call stays leased without a heartbeat before another worker may take it.")
    var lease: Int = 60

    @Option(help: "Attempts before a call that keeps failing or keeps losing its worker is marked failed.")
    var maxAttempts: Int = 3

    func validate() throws {
        guard workers >= 0 else { throw ValidationError("--workers must be 0 or more") }
        guard lease >= 3 else { throw ValidationError("--lease must be at least 3 seconds") }
        guard maxAttempts >= 1 else { throw ValidationError("--max-attempts must be at least 1") }
    }

    var options: WorkerOptions {
        WorkerOptions(workers: workers, lease: .seconds(lease), maxAttempts: maxAttempts)
    }
}

/// Logging for the server commands: swift-log to stderr, level from `LOG_LEVEL` (default info).
enum ServerLogging {
    static func logger(label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        return logger
    }
}
