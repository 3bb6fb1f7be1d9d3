import Foundation
import Testing
import UndertoneTestSupport
@testable import UndertoneCLI

/// One spelling per concept, one-line errors, no silent writes, sidecar pickup (issue 15 §2 and §5), and the live
/// options of §4 that the command line owns. The child-process cases run the built `undertone` binary.
@Suite struct CommandLineTrustTests {
    static func copyCall(_ name: String, into inputs: HostileInputs, as stem: String, sidecars: [String] = ["json", "meta.json"]) throws -> String {
        for suffix in ["wav"] + sidecars {
            try FileManager.default.copyItem(
                at: RepositoryFiles.call(name, "." + suffix), to: inputs.folder.appendingPathComponent("\(stem).\(suffix)"))
        }
        return inputs.folder.appendingPathComponent("\(stem).wav").path
    }

    static func report(_ run: ChildRun) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    @Test func oneSpellingPerConceptWithValueNames() {
        let analyze = AnalyzeCommand.helpMessage(columns: 200)
        #expect(analyze.contains("--roles <ROLES>") && analyze.contains("-o, --output <PATH>"))
        #expect(analyze.contains("--transcript <FILE|ROLE=FILE>") && analyze.contains("--jobs <N>"))
        #expect(!analyze.contains("--channels") && !analyze.contains("--out "))
        let sentiment = SentimentCommand.helpMessage(columns: 200)
        #expect(sentiment.contains("--roles <ROLES>") && !sentiment.contains("--customer-left"))
        let live = LiveCommand.helpMessage(columns: 200)
        #expect(live.contains("--roles <ROLES>") && live.contains("--channels <N>") && live.contains("--silence-after"))
        // Each default once: the parser's "(default: …)", never restated in the text.
        for line in (analyze + sentiment + live).split(separator: "\n") {
            #expect(line.components(separatedBy: "default").count <= 2, "\(line)")
        }
    }

    @Test func repeatedTranscriptNeedsAPartyEach() async {
        let code = await UndertoneCommand.runWithExitCodes(["analyze", "a.wav", "--transcript", "a.json", "--transcript", "b.json"])
        #expect(code == 2)
        #expect(TranscriptArgument(argument: "agent=a.json") == TranscriptArgument(argument: "AGENT=a.json"))
        #expect(TranscriptArgument(argument: "customer=c.json")?.party == .customer)
        #expect(TranscriptArgument(argument: "odd=name.json")?.party == nil)
    }

    @Test func perPartyTranscriptsMakeOneCall() throws {
        let inputs = try HostileInputs("parties")
        defer { inputs.remove() }
        let audio = try Self.copyCall("opening-pass", into: inputs, as: "call", sidecars: ["meta.json"])
        let whole = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: RepositoryFiles.call("opening-pass", ".json"))) as? [String: Any])
        let words = try #require(whole["words"] as? [[String: Any]])
        var paths: [String] = []
        for party in ["agent", "customer"] {
            // A per-channel recogniser's labels say nothing about the party: the option does.
            let own = words.filter { $0["speaker"] as? String == party }.map { word in
                var word = word
                word["speaker"] = "spk_0"
                word["channel"] = 0
                return word
            }
            let data = try JSONSerialization.data(withJSONObject: ["format": "undertone", "words": own])
            paths.append(try inputs.write("\(party).json", Array(data)))
        }
        let metadata = inputs.folder.appendingPathComponent("call.meta.json").path
        let split = try ChildRun.run([
            "analyze", audio, "--transcript", "agent=\(paths[0])", "--transcript", "customer=\(paths[1])", "--metadata", metadata,
        ])
        #expect(split.status == 0, "\(split.stderr)")
        let report = try Self.report(split)
        let opening = try #require(report["opening"] as? [String: Any])
        #expect(opening["score"] as? Double == 100)
        #expect((report["diagnostics"] as? [Any])?.isEmpty == true)
    }

    @Test func sameStemFilesBesideTheAudioAreUsedAndNoted() throws {
        let inputs = try HostileInputs("sidecars")
        defer { inputs.remove() }
        let audio = try Self.copyCall("opening-pass", into: inputs, as: "call")
        let run = try ChildRun.run(["analyze", audio])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try Self.report(run)
        let diagnostics = try #require(report["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.first?["check"] as? String == "pairedFiles")
        #expect((diagnostics.first?["message"] as? String)?.contains("call.json and call.meta.json") == true)
        #expect((report["opening"] as? [String: Any])?["score"] as? Double == 100)
    }

    @Test func folderWithoutAudioExitsOne() throws {
        let inputs = try HostileInputs("empty")
        defer { inputs.remove() }
        _ = try inputs.write("notes.txt", text: "no calls here")
        try ChildRun.run(["analyze", inputs.folder.path]).expectRejected(naming: inputs.folder.path, "no audio files")
    }

    @Test func outputIntoAMissingFolderIsOneLine() throws {
        let inputs = try HostileInputs("nodir")
        defer { inputs.remove() }
        let audio = try inputs.shortStereoWAV("call.wav")
        let target = inputs.folder.appendingPathComponent("nodir/x.json").path
        try ChildRun.run(["analyze", audio, "-o", target]).expectRejected(naming: "nodir/x.json", "does not exist")
    }

    @Test func devNullIsWrittenIntoNotReplaced() throws {
        let inputs = try HostileInputs("devnull")
        defer { inputs.remove() }
        let audio = try inputs.shortStereoWAV("call.wav")
        let run = try ChildRun.run(["analyze", audio, "-o", "/dev/null"])
        #expect(run.status == 0, "\(run.stderr)")
        let type = try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType
        #expect(type == .typeCharacterSpecial)
    }

    @Test func severalFilesSayWhereTheirReportsWent() throws {
        let inputs = try HostileInputs("several")
        defer { inputs.remove() }
        let first = try inputs.shortStereoWAV("a.wav")
        let second = try inputs.shortStereoWAV("b.wav")
        let run = try ChildRun.run(["analyze", first, second])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains(inputs.folder.appendingPathComponent("a.report.json").path))
        #expect(run.stderr.contains(inputs.folder.appendingPathComponent("b.report.json").path))
    }

    /// Two processes, two hash seeds: without sorted keys the frame tracks' order differed between runs.
    @Test func reportsAreByteIdenticalAcrossRuns() throws {
        let inputs = try HostileInputs("bytes")
        defer { inputs.remove() }
        let audio = try inputs.shortStereoWAV("call.wav")
        let runs = try (0..<3).map { _ in try ChildRun.run(["analyze", audio, "--frames"]) }
        #expect(runs.allSatisfy { $0.status == 0 && $0.stdout == runs[0].stdout })
    }

    @Test(arguments: ["ulaw", "u-law", "mu-law", "PCMU", "mulaw"])
    func encodingAliases(name: String) {
        #expect(StreamEncodingArgument(argument: name)?.value == .mulaw)
    }

    @Test func rawInputNeedsAChannelCount() async {
        let code = await UndertoneCommand.runWithExitCodes(["live", "-", "--encoding", "mulaw"])
        #expect(code == 2)
    }
}
