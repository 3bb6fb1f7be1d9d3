import ArgumentParser
import Foundation

/// `undertone serve|worker|keys`: run the sibling `undertone-server` binary with the same arguments.
///
/// The server (Hummingbird, GRDB, postgres-nio) is a separate product so that building the CLI stays light;
/// these commands only hand over to it.
enum ServerBinary {
    static func exec(_ arguments: [String]) throws -> Never {
        let executable = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0])
        let server = executable.deletingLastPathComponent().appendingPathComponent("undertone-server").path
        guard FileManager.default.isExecutableFile(atPath: server) else {
            StandardError.line("undertone \(arguments[0]) needs the server: build it with `swift build -c release --product undertone-server` (it goes next to undertone)")
            throw ReportedFailure()
        }
        let argv = ([server] + arguments).map { strdup($0) } + [nil]
        execv(server, argv)
        StandardError.line("\(server): cannot run (errno \(errno))")
        throw ReportedFailure()
    }
}

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the HTTP server (undertone-server serve; `undertone serve --help` for its options).",
        helpNames: []
    )
    @Argument(parsing: .captureForPassthrough) var arguments: [String] = []
    func run() throws { try ServerBinary.exec(["serve"] + arguments) }
}

struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker", abstract: "Run analysis workers against a shared PostgreSQL database (undertone-server worker).",
        discussion: "Example: undertone worker --database postgres://undertone@db/undertone --data /mnt/undertone",
        helpNames: []
    )
    @Argument(parsing: .captureForPassthrough) var arguments: [String] = []
    func run() throws { try ServerBinary.exec(["worker"] + arguments) }
}

struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Create, list and revoke the server's API keys (undertone-server keys).",
        discussion: "Example: undertone keys create --role qa --name dana",
        helpNames: []
    )
    @Argument(parsing: .captureForPassthrough) var arguments: [String] = []
    func run() throws { try ServerBinary.exec(["keys"] + arguments) }
}
