import ArgumentParser
import Foundation
import ServiceLifecycle

/// `undertone worker`: analysis workers without the HTTP API, for fleets sharing one PostgreSQL database.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Analyse queued calls from a shared PostgreSQL database (run any number, on any machine).",
        discussion: """
            Every worker needs the same --data folder as `serve` (a shared volume): that is where the audio is.

            Example:
              undertone worker --database postgres://undertone@db/undertone --data /mnt/undertone-data
            """
    )

    @OptionGroup var storage: StoreOptions
    @OptionGroup var workerOptions: WorkerArguments

    @Option(help: "URL to POST {\"id\",\"status\"} to when a call is done or failed (signed with $UNDERTONE_WEBHOOK_SECRET).")
    var webhook: String?

    func validate() throws {
        guard storage.database != nil else {
            throw ValidationError("worker needs --database postgres://…: SQLite is served by one `serve` process only")
        }
        guard workerOptions.workers >= 1 else { throw ValidationError("--workers must be at least 1") }
        if webhook != nil, ProcessInfo.processInfo.environment["UNDERTONE_WEBHOOK_SECRET"] == nil {
            throw ValidationError("--webhook needs $UNDERTONE_WEBHOOK_SECRET to sign its posts")
        }
    }

    func run() async throws {
        let logger = ServerLogging.logger(label: "undertone.worker")
        let store = try await storage.open(logger: logger)
        var configuration = ServerConfiguration()
        configuration.data = storage.dataURL
        configuration.workers = workerOptions.options
        if let webhook, let secret = ProcessInfo.processInfo.environment["UNDERTONE_WEBHOOK_SECRET"] {
            configuration.webhook = WebhookNotifier(url: webhook, secret: secret, logger: logger)
        }
        let workers = try ServerApplication.workers(store: store, configuration: configuration, logger: logger)
        let group = ServiceGroup(services: [workers], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
    }
}
