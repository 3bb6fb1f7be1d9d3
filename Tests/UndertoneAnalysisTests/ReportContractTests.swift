import Foundation
import Testing
import UndertoneAnalysis
import UndertoneTestSupport

/// The report of every fixture call honours `report.schema.json`, checked by an independent JSON Schema validator.
@Suite struct ReportContractTests {
    @Test func fixtureCallReportsValidateAgainstTheSchema() async throws {
        let stems = RepositoryFiles.fixtureCallStems
        #expect(stems.count >= 6)
        let folder = try RepositoryFiles.temporaryDirectory("contract")
        defer { try? FileManager.default.removeItem(at: folder) }
        let analyzer = try CallAnalyzer(options: AnalysisOptions(includeFrames: true))
        var written: [String] = []
        for stem in stems {
            // The frames decoded once per test process, as `analyze(CallInput)` decodes the file; the format clips
            // below go through that whole path from their files.
            let report = analyzer.report(
                for: try await DecodedFixtures.call(stem),
                transcript: try TranscriptReader.read(url: RepositoryFiles.call(stem, ".json")),
                metadata: try CallMetadata.read(url: RepositoryFiles.call(stem, ".meta.json"))
            )
            #expect(report.schemaVersion == "1")
            #expect(report.frames?.tracks.keys.sorted() == ["agent", "customer"])
            let url = folder.appendingPathComponent(stem + ".report.json")
            try report.jsonData().write(to: url)
            written.append(url.path)
        }
        // Every other format and layout: each container of the format fixtures, mono among them, without transcript.
        for name in ["clip-gsm-mono.wav", "clip.flac", "clip-opus.opus", "clip.mp3", "clip-vorbis.ogg"] {
            let audio = RepositoryFiles.root.appendingPathComponent("AudioFixtures/formats/\(name)")
            let report = try analyzer.analyze(CallInput(audio: audio))
            if name.contains("mono") {
                #expect(report.stats.mixed != nil && report.stats.agent == nil)
                #expect(report.speakers.agent.channel == nil)
            }
            let url = folder.appendingPathComponent(name + ".report.json")
            try report.jsonData().write(to: url)
            written.append(url.path)
        }
        let result = try Self.validate(written)
        #expect(result.status == 0, "schema violations:\n\(result.output)")
    }

    @Test func aBrokenReportFailsValidation() async throws {
        // The validator must be able to fail: a report missing `pauses` and with a talk ratio above 1.
        let folder = try RepositoryFiles.temporaryDirectory("contract-broken")
        defer { try? FileManager.default.removeItem(at: folder) }
        let analyzer = try CallAnalyzer()
        let report = analyzer.report(for: try await DecodedFixtures.call("layout-overlap"), transcript: nil, metadata: CallMetadata())
        var object = try #require(try JSONSerialization.jsonObject(with: report.jsonData()) as? [String: Any])
        object["pauses"] = nil
        let url = folder.appendingPathComponent("broken.json")
        try JSONSerialization.data(withJSONObject: object).write(to: url)
        let result = try Self.validate([url.path])
        #expect(result.status == 1)
        #expect(result.output.contains("pauses"))
    }

    /// Runs `Scripts/validate-report.py` (python3 with jsonschema; `make test` installs both).
    static func validate(_ reports: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", RepositoryFiles.schemaValidator.path, RepositoryFiles.schema.path] + reports
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
