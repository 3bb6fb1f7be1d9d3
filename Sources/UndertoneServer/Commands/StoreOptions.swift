import ArgumentParser
import Foundation
import Logging

/// `--data DIR` and `--database URL`, shared by every server command.
struct StoreOptions: ParsableArguments {
    @Option(help: "Folder for audio and transcript files (and the SQLite database unless --database).")
    var data: String = "undertone-data"

    @Option(help: "PostgreSQL URL (postgres://user:password@host:port/db) instead of the SQLite database under --data.")
    var database: String?

    var dataURL: URL { URL(fileURLWithPath: data, isDirectory: true) }

    /// Opens and migrates the store.
    func open(logger: Logger) async throws -> any CallStore {
        let store: any CallStore
        if let database {
            store = try PostgresCallStore(url: database, logger: logger)
        } else {
            try FileManager.default.createDirectory(at: dataURL, withIntermediateDirectories: true)
            store = try SQLiteCallStore(path: dataURL.appendingPathComponent("undertone.sqlite").path)
        }
        try await store.migrate()
        return store
    }
}
