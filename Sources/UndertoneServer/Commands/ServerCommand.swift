public import ArgumentParser
import Foundation
import UndertoneAnalysis

/// `undertone-server`: the HTTP server, its workers and its API keys. `undertone serve|worker|keys` run it.
public struct ServerCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "undertone-server",
        abstract: "The Undertone server: an HTTP API that analyses uploaded calls, with a durable queue.",
        version: Undertone.version,
        subcommands: [ServeCommand.self, WorkerCommand.self, KeysCommand.self, LoadTestCommand.self]
    )

    public init() {}

    /// Parses the command line and runs the subcommand; the process's exit status.
    public static func runAsRoot(_ arguments: [String]? = nil) async -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return 0
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
            } else {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            }
            return code.rawValue
        }
    }
}
