import Foundation
import Testing
import UndertoneDSP

@testable import UndertoneAnalysis
import UndertoneTestSupport
@testable import UndertoneConversation
@testable import UndertoneRubrics
@testable import UndertoneSentiment
@testable import UndertoneTranscripts

/// The conversation layer against the committed fixture calls' truth files (AudioFixtures/calls/*.truth.json).
///
/// The frames are built from the truth's measured speech intervals and holds, and the words are the fixture's
/// transcript, so these tests check the conversation logic on the real layouts independently of the DSP core.
@Suite struct ConversationFixtureTests {
    struct Truth: Decodable {
        struct Span: Decodable {
            var start: Double
            var end: Double
        }
        struct TruthOverlap: Decodable {
            var start: Double
            var end: Double
            var duration: Double
            var interrupter: Speaker
            var kind: Overlap.Kind
        }
        struct Stats: Decodable {
            var talkTime: [String: Double]
            var words: [String: Int]
            var wordsPerMinute: [String: Double]
            var nonTalkTime: Double
        }
        struct Silence: Decodable {
            var start: Double
            var end: Double
            var designed: String
            var lastSpeaker: Speaker?
            var lastText: String?
        }
        var duration: Double
        var speech: [String: [[Double]]]
        var silences: [Silence]
        var deadAir: [Span]
        var holds: [Span]
        var overlaps: [TruthOverlap]
        var stats: Stats
    }

    struct TranscriptFile: Decodable {
        struct FileWord: Decodable {
            var speaker: String
            var channel: Int
            var start: Double
            var end: Double
            var text: String
        }
        var words: [FileWord]
    }

    static let callsDirectory = Fixtures.callsDirectory
    static let calls = Fixtures.calls

    static func load(_ name: String) throws -> (truth: Truth, result: ConversationResult) {
        let (truth, call, words) = try loadLayout(name)
        let tracks = call.tracks()
        return (
            truth,
            ConversationAnalyzer.analyze(agent: tracks.agent, customer: tracks.customer, mixed: nil, words: words)
        )
    }

    static func loadLayout(_ name: String) throws -> (truth: Truth, call: SyntheticCall, words: [Word]) {
        let truth = try JSONDecoder().decode(
            Truth.self, from: Data(contentsOf: callsDirectory.appendingPathComponent("\(name).truth.json")))
        let transcript = try JSONDecoder().decode(
            TranscriptFile.self, from: Data(contentsOf: callsDirectory.appendingPathComponent("\(name).json")))
        let words = transcript.words.map {
            Word(
                speaker: $0.speaker, channel: $0.channel, start: $0.start, end: $0.end, text: $0.text,
                role: $0.channel == 0 ? .agent : .customer)
        }
        var call = SyntheticCall(duration: truth.duration)
        call.agent = (truth.speech["agent"] ?? []).map { .init(start: $0[0], end: $0[1]) }
        call.customer = (truth.speech["customer"] ?? []).map { .init(start: $0[0], end: $0[1]) }
        call.music = truth.holds.map { ($0.start, $0.end) }
        return (truth, call, words)
    }

    @Test(arguments: calls) func liveDeadAirFiresWithinTwoTenthsOfASecond(_ name: String) throws {
        let (truth, call, words) = try Self.loadLayout(name)
        let alerts = LiveAlertEngineTests.run(call, words: words).filter { $0.kind == .deadAir }
        for deadAir in truth.deadAir {
            let alert = alerts.first { abs($0.start - deadAir.start) <= 0.3 }
            let due = deadAir.start + 5
            #expect(alert != nil, "no alert for \(deadAir.start)")
            #expect(
                (alert?.audioTime ?? 0) >= due - 0.3 && (alert?.audioTime ?? 0) <= due + 0.2,
                "\(String(describing: alert))")
        }
        // Nothing else, apart from trailing silence the live engine cannot know is the end.
        #expect(alerts.count <= truth.deadAir.count + 1)
    }

    @Test(arguments: calls) func deadAirAndHoldMatchTheTruth(_ name: String) throws {
        let (truth, result) = try Self.load(name)
        let deadAirs = result.pauses.filter { $0.kind == .deadAir }
        #expect(deadAirs.count == truth.deadAir.count, "\(deadAirs)")
        for (found, expected) in zip(deadAirs, truth.deadAir) {
            #expect(abs(found.start - expected.start) <= 0.3 && abs(found.end - expected.end) <= 0.3, "\(found)")
        }
        let holds = result.pauses.filter { $0.kind == .hold }
        #expect(holds.count == truth.holds.count)
        for (found, expected) in zip(holds, truth.holds) {
            #expect(abs(found.start - expected.start) <= 0.3 && abs(found.end - expected.end) <= 0.3, "\(found)")
        }
    }

    /// Every silence of a second or more says who spoke last and what they said (the seeds' "a pause after a price
    /// quote means something different").
    @Test(arguments: calls) func pausesQuoteTheLastUtterance(_ name: String) throws {
        let (truth, result) = try Self.load(name)
        for silence in truth.silences where silence.designed != "lead" && silence.designed != "tail" {
            let pause = result.pauses.first { abs($0.start - silence.start) <= 0.3 }
            #expect(pause != nil, "no pause at \(silence.start)")
            #expect(pause?.after == silence.lastSpeaker)
            #expect(pause?.afterText == silence.lastText, "\(silence.start)")
        }
    }

    @Test(arguments: calls) func overlapsMatchTheTruth(_ name: String) throws {
        let (truth, result) = try Self.load(name)
        for expected in truth.overlaps where expected.duration >= 0.3 {
            let found = result.overlaps.first { min($0.end, expected.end) - max($0.start, expected.start) > 0 }
            #expect(found != nil, "missing \(expected.interrupter) overlap at \(expected.start)")
            #expect(found?.interrupter == expected.interrupter, "\(expected.start)")
            #expect(found?.kind == expected.kind, "\(expected.start): \(String(describing: found))")
        }
        // Backchannels of any length never count as interruptions.
        for expected in truth.overlaps where expected.kind == .backchannel {
            #expect(
                !result.overlaps.contains {
                    $0.kind == .interruption && min($0.end, expected.end) - max($0.start, expected.start) > 0
                })
        }
    }

    @Test(arguments: calls) func talkTimeWordsPerMinuteAndNonTalkWithin2Percent(_ name: String) throws {
        let (truth, result) = try Self.load(name)
        func close(_ value: Double?, _ expected: Double) -> Bool {
            guard let value else { return false }
            return abs(value - expected) <= 0.02 * expected
        }
        let stats = result.stats
        #expect(close(stats.agent?.talkSeconds, truth.stats.talkTime["agent"] ?? 0), "\(stats.agent?.talkSeconds ?? 0)")
        #expect(close(stats.customer?.talkSeconds, truth.stats.talkTime["customer"] ?? 0))
        #expect(close(stats.call.talkSeconds, truth.stats.talkTime["total"] ?? 0))
        #expect(close(stats.agent?.wordsPerMinute, truth.stats.wordsPerMinute["agent"] ?? 0))
        #expect(close(stats.customer?.wordsPerMinute, truth.stats.wordsPerMinute["customer"] ?? 0))
        #expect(stats.agent?.wordCount == truth.stats.words["agent"])
        if truth.stats.nonTalkTime > 0 {
            #expect(close(stats.call.nonTalkSeconds, truth.stats.nonTalkTime), "\(stats.call.nonTalkSeconds)")
        } else {
            #expect(stats.call.nonTalkSeconds == 0)
        }
    }
}
