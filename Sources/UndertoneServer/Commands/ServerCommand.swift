public import ArgumentParser
import UndertoneAnalysis

/// `undertone-server`: the HTTP server, its workers and its API keys. `undertone serve|worker|keys` run it.
public struct ServerCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "undertone-server",
        abstract: "The Undertone server: an HTTP API that analyses uploaded calls, with a durable queue.",
        version: Undertone.version,
        subcommands: [ServeCommand.self, WorkerCommand.self, KeysCommand.self]
    )

    public init() {}
}
