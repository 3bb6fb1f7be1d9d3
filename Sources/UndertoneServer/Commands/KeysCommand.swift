public import ArgumentParser
import Foundation

/// `undertone keys create|list|revoke`.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Create, list and revoke API keys.",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a key and print it once (only a salted hash is stored).",
            discussion: "Example:\n  undertone keys create --role ingest --name recorder-1"
        )

        @OptionGroup var storage: StoreOptions

        @Option(help: "ingest (upload calls, open live taps), qa (read calls, reports, audio) or admin (everything).")
        var role: Role

        @Option(help: "A name to recognise the key by in `keys list` and reviews.")
        var name: String = "unnamed"

        func run() async throws {
            let store = try await storage.open(logger: ServerLogging.logger(label: "undertone.keys"))
            let (key, record) = APIKeys.generate(role: role, name: name)
            try await store.createKey(record)
            print(key)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys: id, role, name, created, revoked.")

        @OptionGroup var storage: StoreOptions

        func run() async throws {
            let store = try await storage.open(logger: ServerLogging.logger(label: "undertone.keys"))
            for key in try await store.listKeys() {
                let created = key.createdAt.formatted(Date.ISO8601FormatStyle())
                let revoked = key.revokedAt.map { "revoked \($0.formatted(Date.ISO8601FormatStyle()))" } ?? "active"
                print("\(key.id)\t\(key.role.rawValue)\t\(key.name)\t\(created)\t\(revoked)")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key by its id (the part after ut_).")

        @OptionGroup var storage: StoreOptions

        @Argument(help: "The key's id, as `keys list` shows it.")
        var id: String

        func run() async throws {
            let store = try await storage.open(logger: ServerLogging.logger(label: "undertone.keys"))
            guard try await store.revokeKey(id: id, now: Date()) else { throw ValidationError("no key with id \(id)") }
            print("revoked \(id)")
        }
    }
}

extension Role: ExpressibleByArgument {}
