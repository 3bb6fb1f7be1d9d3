import Foundation

/// Where the committed fixtures live, found from this source file so tests run from any directory.
enum FixturePaths {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func format(_ name: String) -> String {
        repository.appendingPathComponent("AudioFixtures/formats/\(name)").path
    }
}
