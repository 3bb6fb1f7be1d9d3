public import Foundation

/// The committed fixtures, found from this source file so tests run from any directory.
public enum Fixtures {
    /// The repository's root folder.
    public static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// `AudioFixtures/calls`: the generated calls with their transcripts, metadata and truth files.
    public static let callsDirectory = repository.appendingPathComponent("AudioFixtures/calls")
    /// The fixture calls, by stem.
    public static let calls = [
        "layout-deadair", "layout-noisy", "layout-overlap", "opening-fail", "opening-pass", "sample-call",
    ]

    /// A file of `AudioFixtures/calls`, e.g. `call("sample-call", "wav")`.
    public static func call(_ name: String, _ fileExtension: String) -> URL {
        callsDirectory.appendingPathComponent("\(name).\(fileExtension)")
    }

    /// The path of a file of `AudioFixtures/formats`.
    public static func format(_ name: String) -> String {
        repository.appendingPathComponent("AudioFixtures/formats/\(name)").path
    }

    /// A file anywhere under `AudioFixtures`.
    public static func file(_ relativePath: String) -> URL {
        repository.appendingPathComponent("AudioFixtures/\(relativePath)")
    }
}
