import Foundation

/// Files of the repository the tests read: fixtures, the schema, scripts.
enum RepositoryFiles {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let calls = root.appendingPathComponent("AudioFixtures/calls")
    static let schema = root.appendingPathComponent("report.schema.json")
    static let schemaValidator = root.appendingPathComponent("Scripts/validate-report.py")

    /// The committed fixture calls, by stem.
    static var fixtureCallStems: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: calls.path)) ?? []
        return names.filter { $0.hasSuffix(".wav") }.map { String($0.dropLast(4)) }.sorted()
    }

    static func call(_ stem: String, _ suffix: String) -> URL { calls.appendingPathComponent(stem + suffix) }

    static func temporaryDirectory(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("undertone-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
