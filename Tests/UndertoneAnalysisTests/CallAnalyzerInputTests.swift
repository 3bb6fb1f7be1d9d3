import Foundation
import Testing
import UndertoneTestSupport
@testable import UndertoneAnalysis

/// A call given as bytes, as a server receives it, is analyzed exactly like the same call in files, and every bad
/// input fails with one `UndertoneError` that names the input and what is wrong with it.
@Suite struct CallAnalyzerInputTests {
    @Test func bytesGiveTheReportFilesGiveUnderTheCallersName() async throws {
        let analyzer = try CallAnalyzer()
        let name = "opening-pass"
        // The file's frames decoded once per process, as `analyze(CallInput)` decodes them (NotCheckedTests and the
        // format clips of ReportContractTests run that path whole), with the transcript and metadata from their files.
        let fromFiles = analyzer.report(
            for: try await DecodedFixtures.call(name), transcript: try TranscriptReader.read(url: Fixtures.call(name, "vtt")),
            metadata: try CallMetadata.read(url: Fixtures.call(name, "meta.json"))
        )
        var fromBytes = try analyzer.analyze(
            audio: Data(contentsOf: Fixtures.call(name, "wav")), transcript: Data(contentsOf: Fixtures.call(name, "vtt")),
            metadata: Data(contentsOf: Fixtures.call(name, "meta.json")), sourceName: "upload 17"
        )
        #expect(fromBytes.call.source == "upload 17")
        fromBytes.call.source = fromFiles.call.source
        #expect(fromBytes == fromFiles)
    }

    @Test func compressedBytesDecodeLikeTheFile() throws {
        let analyzer = try CallAnalyzer()
        let path = Fixtures.format("clip.flac")
        let fromFile = try analyzer.analyze(CallInput(audio: URL(fileURLWithPath: path)))
        var fromBytes = try analyzer.analyze(audio: Data(contentsOf: URL(fileURLWithPath: path)), sourceName: "clip")
        #expect(fromBytes.call.format == fromFile.call.format && fromBytes.call.durationSeconds == fromFile.call.durationSeconds)
        fromBytes.call.source = fromFile.call.source
        #expect(fromBytes == fromFile)
    }

    static func failure(_ body: () throws -> Void) -> (any UndertoneError)? {
        do {
            try body()
        } catch let error as any UndertoneError {
            return error
        } catch {
            Issue.record("\(error) is not an UndertoneError")
        }
        return nil
    }

    @Test func badInputsNameTheInputAndTheProblem() throws {
        let analyzer = try CallAnalyzer()
        let audio = try Data(contentsOf: Fixtures.call("opening-pass", "wav"))
        let notAudio = Self.failure { _ = try analyzer.analyze(audio: Data("hello".utf8), sourceName: "call 7") }
        #expect(notAudio?.input == .audio && notAudio?.problem == .unsupportedFormat)
        #expect(notAudio?.description == "call 7: not a recognised audio file format")
        let empty = Self.failure { _ = try analyzer.analyze(audio: Data(), sourceName: "call 8") }
        #expect(empty?.input == .audio && empty?.problem == .empty)
        let cut = Self.failure { _ = try analyzer.analyze(audio: audio.prefix(2000), sourceName: "call 9") }
        #expect(cut?.input == .audio && cut?.problem == .malformed, "\(String(describing: cut))")
        let transcript = Self.failure {
            _ = try analyzer.analyze(audio: audio, transcript: Data("{\"x\": 1}".utf8), sourceName: "call 10")
        }
        #expect(transcript?.input == .transcript && transcript?.problem == .malformed)
        #expect(transcript?.description.hasPrefix("call 10 transcript: JSON, but not a known transcript shape") == true)
        let metadata = Self.failure {
            _ = try analyzer.analyze(audio: audio, metadata: Data("[1]".utf8), sourceName: "call 11")
        }
        #expect(metadata?.input == .metadata && metadata?.problem == .malformed)
        #expect(metadata?.description.hasPrefix("call 11 metadata: call metadata:") == true)
        let missing = Self.failure { _ = try analyzer.analyze(CallInput(audio: URL(fileURLWithPath: "/nonexistent/a.wav"))) }
        #expect(missing?.input == .audio && missing?.problem == .notFound)
        let channels = Self.failure {
            _ = try CallAnalyzer(options: AnalysisOptions(channelMap: ChannelMap(agent: 0, customer: 5)))
                .analyze(audio: audio, sourceName: "call 12")
        }
        #expect(channels?.input == .options && channels?.problem == .invalidParameter)
    }
}
