import Foundation
import Testing
import UndertoneAnalysis

/// The samples in AudioFixtures/transcripts all describe the same three-turn exchange.
enum TranscriptFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("AudioFixtures/transcripts")

    static func read(_ name: String) throws -> Transcript {
        try TranscriptReader.read(url: folder.appendingPathComponent(name))
    }

    /// The reference words, from Undertone's own format, with roles from the default channel map.
    static func reference() throws -> [Word] {
        RoleAssigner().assign(try read("undertone.json").words)
    }
}

@Suite struct TranscriptReaderTests {
    static let timedFormats: [(file: String, format: TranscriptFormat, hasRoles: Bool)] = [
        ("webvtt.vtt", .webVTT, true),
        ("aws-transcribe-channels.json", .awsTranscribe, true),
        ("aws-transcribe-speakers.json", .awsTranscribe, true),
        ("aws-call-analytics.json", .awsCallAnalytics, true),
        ("deepgram.json", .deepgram, true),
        ("whisper-api.json", .whisper, false),
        ("whisper-package.json", .whisper, false),
        ("assemblyai.json", .assemblyAI, true),
        ("google-v1.json", .googleSpeech, true),
        ("google-v2.json", .googleSpeech, true),
    ]

    @Test(arguments: timedFormats.map(\.file))
    func timedFormatParsesIntoTheReferenceWords(file: String) throws {
        let expected = try TranscriptFixtures.reference()
        let sample = try #require(Self.timedFormats.first { $0.file == file })
        let transcript = try TranscriptFixtures.read(file)
        #expect(transcript.format == sample.format)
        #expect(!transcript.wordTimesEstimated)
        let words = RoleAssigner().assign(transcript.words)
        try #require(words.count == expected.count, "\(file): \(words.map(\.text))")
        for (word, reference) in zip(words, expected) {
            #expect(word.text == reference.text, "\(file)")
            #expect(abs(word.start - reference.start) < 0.0005, "\(file) \(word.text)")
            #expect(abs(word.end - reference.end) < 0.0005, "\(file) \(word.text)")
            if sample.hasRoles { #expect(word.role == reference.role, "\(file) \(word.text) \(word.speaker)") }
        }
    }

    @Test func srtKeepsTextSpeakersAndCueSpansAndEstimatesWordTimes() throws {
        let transcript = try TranscriptFixtures.read("subrip.srt")
        #expect(transcript.format == .srt)
        #expect(transcript.wordTimesEstimated)
        let words = RoleAssigner().assign(transcript.words)
        let expected = try TranscriptFixtures.reference()
        #expect(words.map(\.text) == expected.map(\.text))
        #expect(words.map(\.role) == expected.map(\.role))
        let turns = TurnSegmenter.turns(from: words)
        let expectedTurns = TurnSegmenter.turns(from: expected)
        #expect(turns.count == 3)
        for (turn, reference) in zip(turns, expectedTurns) {
            #expect(abs(turn.start - reference.start) < 0.0005 && abs(turn.end - reference.end) < 0.0005)
        }
        // "calling," (8 characters) gets eight times the span of "I" (1 character).
        let calling = try #require(words.first { $0.text == "calling," })
        let pronoun = try #require(words.first { $0.text == "I" })
        #expect(abs((calling.end - calling.start) / (pronoun.end - pronoun.start) - 8) < 1e-9)
    }

    @Test func perChannelTranscriptsMergeWithTheirChannels() throws {
        let transcript = try TranscriptReader.read(channelURLs: ["whisper-channel0.json", "whisper-channel1.json"].map {
            TranscriptFixtures.folder.appendingPathComponent($0)
        })
        let expected = try TranscriptFixtures.reference()
        let words = RoleAssigner().assign(transcript.words)
        #expect(words.map(\.text) == expected.map(\.text))
        #expect(words.map(\.role) == expected.map(\.role))
        #expect(words.map(\.channel) == expected.map(\.channel))
    }

    @Test func webVTTWithoutInlineTimestampsSpreadsWordsOverTheCue() throws {
        let vtt = "WEBVTT\n\n00:01.000 --> 00:03.000\n<v Customer>cancel my account\n"
        let transcript = try TranscriptReader.parse(Data(vtt.utf8), source: "cue.vtt")
        #expect(transcript.wordTimesEstimated)
        #expect(transcript.words.map(\.text) == ["cancel", "my", "account"])
        #expect(transcript.words.map(\.speaker) == ["Customer", "Customer", "Customer"])
        #expect(abs(transcript.words[0].end - (1 + 2 * 6 / 15)) < 1e-9)
        #expect(transcript.words[2].end == 3)
    }

    @Test(arguments: [
        ("empty.json", "", "file is empty"),
        ("prose.txt", "Hello, this is just some notes about a call.", "not a recognised transcript"),
        ("broken.json", "{\"results\": {\"items\": [", "looks like JSON but does not parse"),
        ("other.json", "{\"hello\": 1}", "not a known transcript shape"),
        ("deepgram.json", "{\"results\":{\"channels\":[{\"alternatives\":[{\"words\":[{\"word\":\"hi\",\"end\":1.0}]}]}]}}",
         "results.channels[0].alternatives[0].words[0]: missing \"start\""),
        ("aws.json", "{\"results\":{\"items\":[{\"start_time\":\"2.0\",\"end_time\":\"1.0\",\"alternatives\":[{\"content\":\"hi\"}],\"type\":\"pronunciation\"}]}}",
         "results.items[0]: ends (1.0 s) before it starts (2.0 s)"),
        ("whisper.json", "{\"text\":\"hi\",\"segments\":[{\"id\":0,\"start\":0,\"end\":1,\"text\":\"hi\"}]}",
         "segments[0]: no \"words\""),
        ("google.json", "{\"results\":[{\"alternatives\":[{\"words\":[{\"startTime\":\"0s\",\"word\":\"hi\"}]}]}]}",
         "missing \"endTime\" or \"endOffset\""),
        ("call.vtt", "WEBVTT\n\n00:01.000 --> 00:0x.000\nhello\n", "line 3: cannot read cue timing"),
        ("call.srt", "1\n00:00:01,000 --> 00:00:02,000\nhello\n\n2\nworld\n", "line 5: expected a cue timing line"),
        ("undertone.json", "{\"format\":\"undertone\",\"words\":[{\"start\":0,\"end\":1}]}", "words[0]: missing \"text\""),
    ])
    func malformedInputGivesAOneLineErrorNamingTheFile(name: String, content: String, reason: String) {
        do {
            _ = try TranscriptReader.parse(Data(content.utf8), source: name)
            Issue.record("\(name) parsed")
        } catch {
            #expect(error.description.hasPrefix("\(name): "))
            #expect(error.description.contains(reason), "\(error.description)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func missingFileIsReportedByPath() {
        #expect(throws: TranscriptError(file: "/nonexistent/call.json", reason: "no such file", problem: .notFound)) {
            try TranscriptReader.read(url: URL(fileURLWithPath: "/nonexistent/call.json"))
        }
    }
}
