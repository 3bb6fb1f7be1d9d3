import Foundation
import UndertoneTestSupport
import Testing

/// Issue 16, transcripts and metadata: every time, channel and size is checked before anything converts or
/// allocates from it.
@Suite struct HostileTranscriptTests {
    static let sample = RepositoryFiles.call("sample-call", ".json")

    /// The sample call's Undertone JSON with `edit` applied to its word list.
    static func edited(_ edit: (inout [[String: Any]]) -> Void) throws -> String {
        var root = try JSONSerialization.jsonObject(with: Data(contentsOf: sample)) as! [String: Any]
        var words = root["words"] as! [[String: Any]]
        edit(&words)
        root["words"] = words
        return String(decoding: try JSONSerialization.data(withJSONObject: root), as: UTF8.self)
    }

    @Test func timesAndChannelsThatWouldTrapOrAllocate() throws {
        let inputs = try HostileInputs("times")
        defer { inputs.remove() }
        let cases: [(String, (inout [[String: Any]]) -> Void, String)] = [
            ("end1e308", { $0[5]["end"] = 1e308 }, "beyond the longest call analyzed"),
            ("start-1e308", { $0[5]["start"] = -1e308 }, "invalid start time"),
            ("end2p63", { $0[5]["end"] = 9.223372036854775807e18 }, "beyond the longest call analyzed"),
            ("end1e9", { $0[5]["end"] = 1e9 }, "beyond the longest call analyzed"),
            ("at3600000", { $0[$0.count - 1]["start"] = 3_600_000; $0[$0.count - 1]["end"] = 3_600_001 },
             "beyond the longest call analyzed"),
            ("x1e6", { words in for i in words.indices {
                words[i]["start"] = (words[i]["start"] as! Double) * 1e6
                words[i]["end"] = (words[i]["end"] as! Double) * 1e6 } }, "beyond the longest call analyzed"),
            ("channel-1", { $0[5]["channel"] = -1 }, "\"channel\" is not a channel number"),
            ("channel1e308", { $0[5]["channel"] = 1e308 }, "\"channel\" is not a channel number"),
            ("channelHuge", { $0[5]["channel"] = 99_999_999_999 }, "\"channel\" is not a channel number"),
        ]
        for (name, edit, reason) in cases {
            let path = try inputs.write(name + ".json", text: try Self.edited(edit))
            try ChildRun.run(["sentiment", "--transcript", path]).expectRejected(naming: path, reason)
        }
    }

    @Test func vendorChannelsOutOfRange() throws {
        let inputs = try HostileInputs("vendor")
        defer { inputs.remove() }
        let transcripts = RepositoryFiles.root.appendingPathComponent("AudioFixtures/transcripts")
        var assembly = try JSONSerialization.jsonObject(
            with: Data(contentsOf: transcripts.appendingPathComponent("assemblyai.json"))) as! [String: Any]
        var words = assembly["words"] as! [[String: Any]]
        words[1]["channel"] = "-5"
        assembly["words"] = words
        let assemblyPath = try inputs.write("aai.json", Array(try JSONSerialization.data(withJSONObject: assembly)))
        try ChildRun.run(["sentiment", "--transcript", assemblyPath])
            .expectRejected(naming: assemblyPath, "\"channel\" is not a channel number")
        let google = try String(contentsOf: transcripts.appendingPathComponent("google-v2.json"), encoding: .utf8)
        let googlePath = try inputs.write("google.json", text: google.replacingOccurrences(
            of: #""channelTag": 1"#, with: #""channelTag": 0"#))
        try ChildRun.run(["sentiment", "--transcript", googlePath])
            .expectRejected(naming: googlePath, "\"channelTag\" is not a channel number")
    }

    @Test func cueTimesAndShapes() throws {
        let inputs = try HostileInputs("vtt")
        defer { inputs.remove() }
        let vtt = try String(contentsOf: RepositoryFiles.call("sample-call", ".vtt"), encoding: .utf8)
        let cases = [
            ("huge.vtt", vtt.replacingOccurrences(of: "00:00:06.420", with: "99999999999999999999:00:00.000"),
             "beyond the longest call analyzed"),
            ("long.vtt", vtt.replacingOccurrences(of: "00:00:06.420", with: "999999:00:00.000"),
             "beyond the longest call analyzed"),
            ("flat.vtt", vtt.replacingOccurrences(of: "\n", with: " "), "cue timing inside the WEBVTT header"),
            ("bigcue.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n" + String(repeating: "<a ", count: 3_500_000),
             "line 4 is longer than 65536 bytes"),
        ]
        for (name, text, reason) in cases {
            let path = try inputs.write(name, text: text)
            try ChildRun.run(["sentiment", "--transcript", path]).expectRejected(naming: path, reason)
        }
    }

    @Test func sizesAndCounts() throws {
        let inputs = try HostileInputs("sizes")
        defer { inputs.remove() }
        let word = #"{"speaker":"agent","channel":0,"start":1,"end":1.2,"text":"hello"},"#
        let big = try inputs.write("big.json", text: #"{"format":"undertone","words":["#
            + String(repeating: word, count: 300_000) + #"{"speaker":"agent","start":1,"end":2,"text":"x"}]}"#)
        try ChildRun.run(["sentiment", "--transcript", big]).expectRejected(naming: big, "larger than the limit")
        let line = String(repeating: "hi ", count: 10_000) + "\n"
        let many = try inputs.write("many.srt", text: "1\n00:00:01,000 --> 00:00:02,000\n" + String(repeating: line, count: 21))
        try ChildRun.run(["sentiment", "--transcript", many]).expectRejected(naming: many, "more than 200000 words")
        var metadata = try JSONSerialization.jsonObject(
            with: Data(contentsOf: RepositoryFiles.call("sample-call", ".meta.json"))) as! [String: Any]
        metadata["agentName"] = String(repeating: "x", count: 100_000)
        let meta = try inputs.write("meta.json", Array(try JSONSerialization.data(withJSONObject: metadata)))
        try ChildRun.run(["sentiment", "--transcript", Self.sample.path, "--metadata", meta])
            .expectRejected(naming: meta, "\"agentName\" is longer than 1000 characters")
    }

    /// A word 1000 s into a 2 s call: the transcript belongs to another call, so it is withheld with an error note
    /// (issue 15), and the audio-based report stands.
    @Test func transcriptOutsideTheAudio() throws {
        let inputs = try HostileInputs("outside")
        defer { inputs.remove() }
        let audio = try inputs.shortStereoWAV("call.wav")
        let path = try inputs.write("later.json", text: #"{"format":"undertone","words":["#
            + #"{"speaker":"agent","channel":0,"start":1000.1,"end":1000.4,"text":"hello"}]}"#)
        let run = try ChildRun.run(["analyze", audio, "--transcript", path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(#""check" : "wordsPastEnd""#) && run.stdout.contains("error: 1 of 1 transcript words"))
    }

    @Test func srtWithCRLFIsRead() throws {
        let inputs = try HostileInputs("crlf")
        defer { inputs.remove() }
        let path = try inputs.write("crlf.srt", text: "1\r\n00:00:01,000 --> 00:00:02,000\r\nAgent: hello there\r\n\r\n"
            + "2\r\n00:00:03,000 --> 00:00:04,000\r\nCustomer: hi\r\n")
        let run = try ChildRun.run(["sentiment", "--transcript", path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("hello there"))
    }
}

extension HostileTranscriptTests {
    @Test func hugeSentenceOnStdin() throws {
        let inputs = try HostileInputs("line")
        defer { inputs.remove() }
        let path = try inputs.write("line.txt", text: "fine, thanks\n" + String(repeating: "so bad ", count: 1_500_000) + "\n")
        try ChildRun.run(["sentiment"], stdin: path).expectRejected(naming: "stdin", "line 2 is longer than 65536 bytes")
    }
}
