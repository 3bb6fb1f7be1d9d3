import Foundation
import Testing
import UndertoneServer

@Suite struct SQLiteCallStoreTests {
    @Test(arguments: CallStoreConformance.allCases)
    func conformance(_ check: CallStoreConformance) async throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteCallStore(path: directory.url.appendingPathComponent("undertone.sqlite").path)
        try await store.migrate()
        try await store.migrate() // a second start finds the schema in place
        try await check.run(on: store)
    }
}
