import Foundation
import Testing
@testable import UndertoneCLI

@Suite struct CallDiscoveryTests {
    /// A folder of calls with sidecars, laid out as a recording server would.
    private func makeFolder() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("undertone-discovery-\(UUID().uuidString)")
        let sub = root.appendingPathComponent("2026-11-21")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        for name in ["a.wav", "a.vtt", "a.meta.json", "b.flac", "b.json", "notes.txt", "2026-11-21/c.mp3", "2026-11-21/c.srt"] {
            try Data().write(to: root.appendingPathComponent(name))
        }
        return root
    }

    @Test func pairsAudioWithSameStemTranscriptAndMetadata() throws {
        let root = try makeFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let calls = try CallDiscovery.calls(in: root.path)
        // Sorted by path, so the dated sub-folder comes first.
        #expect(calls.map(\.audio.lastPathComponent) == ["c.mp3", "a.wav", "b.flac"])
        let byName = Dictionary(uniqueKeysWithValues: calls.map { ($0.audio.lastPathComponent, $0) })
        #expect(byName["a.wav"]?.transcript?.lastPathComponent == "a.vtt")
        #expect(byName["a.wav"]?.metadata?.lastPathComponent == "a.meta.json")
        #expect(byName["b.flac"]?.transcript?.lastPathComponent == "b.json")
        #expect(byName["b.flac"]?.metadata == nil)
        #expect(byName["c.mp3"]?.transcript?.lastPathComponent == "c.srt")
        #expect(calls.count == 3)
    }

    @Test func missingPathIsAnError() {
        #expect(throws: InputError.self) { try CallDiscovery.calls(in: "/nonexistent/undertone") }
    }
}
