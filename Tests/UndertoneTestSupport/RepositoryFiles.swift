public import Foundation

/// Files of the repository the tests read: fixtures, the schema, scripts.
public enum RepositoryFiles {
    public static let root = Fixtures.repository
    public static let calls = root.appendingPathComponent("AudioFixtures/calls")
    public static let schema = root.appendingPathComponent("report.schema.json")
    public static let schemaValidator = root.appendingPathComponent("Scripts/validate-report.py")

    /// The committed fixture calls, by stem.
    public static var fixtureCallStems: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: calls.path)) ?? []
        return names.filter { $0.hasSuffix(".wav") }.map { String($0.dropLast(4)) }.sorted()
    }

    public static func call(_ stem: String, _ suffix: String) -> URL { calls.appendingPathComponent(stem + suffix) }

    public static func temporaryDirectory(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("undertone-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
