import Foundation
import Logging
import PostgresNIO
import Testing
import UndertoneServer

/// The conformance suite on a real PostgreSQL: `UNDERTONE_TEST_POSTGRES_URL`, which `./quickstart test` sets after
/// starting a throwaway cluster. Each check runs in a database of its own, dropped afterwards. Skipped (with the
/// reason) when no URL is set, except under CI, where a missing URL fails the suite.
@Suite(.enabled(if: PostgresTestDatabase.url != nil || ProcessInfo.processInfo.environment["CI"] != nil, "UNDERTONE_TEST_POSTGRES_URL is not set: ./quickstart test starts PostgreSQL and sets it"))
struct PostgresCallStoreTests {
    @Test(arguments: CallStoreConformance.allCases)
    func conformance(_ check: CallStoreConformance) async throws {
        try await PostgresTestDatabase.with { store in try await check.run(on: store) }
    }
}

enum PostgresTestDatabase {
    static let url = ProcessInfo.processInfo.environment["UNDERTONE_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    /// Runs `body` on a migrated store in a fresh database.
    static func with(_ body: (PostgresCallStore) async throws -> Void) async throws {
        let base = try #require(url)
        let name = "undertone_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16))"
        let logger = Logger(label: "undertone.test.postgres")
        try await admin(base, "CREATE DATABASE \(name)", logger: logger)
        var components = try #require(URLComponents(string: base))
        components.path = "/\(name)"
        let store = try PostgresCallStore(url: try #require(components.string), logger: logger)
        do {
            try await store.migrate()
            try await body(store)
        } catch {
            Issue.record("PostgreSQL: \(String(reflecting: error))")
            store.shutdown()
            try? await admin(base, "DROP DATABASE \(name) WITH (FORCE)", logger: logger)
            throw error
        }
        store.shutdown()
        try await admin(base, "DROP DATABASE \(name) WITH (FORCE)", logger: logger)
    }

    private static func admin(_ url: String, _ sql: String, logger: Logger) async throws {
        let store = try PostgresCallStore(url: url, logger: logger)
        defer { store.shutdown() }
        try await store.execute(unsafeSQL: sql)
    }
}
