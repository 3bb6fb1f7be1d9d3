import Foundation
import Testing
import UndertoneTestSupport
@testable import UndertoneAnalysis
@testable import UndertoneRubrics
@testable import UndertoneTranscripts

/// Live and batch read a transcript the same way: the live engine, fed each fixture transcript's words one at a time,
/// cuts the same turns, hits the same phrases and raises the same sentiment alerts and moments as batch analysis of
/// the whole transcript. (LiveTapTests proves the finished live report equals batch; this proves the alerts do.)
@Suite struct LiveBatchTranscriptTests {
    static let analyzer = try! CallAnalyzer()
    static let sentiment = try! SentimentAnalyzer()
    /// Phrases said in the fixture calls (some across words, "that's our policy" as "that is our policy").
    static let phrases = [
        PhraseRule("that is our policy"), PhraseRule("thank you"), PhraseRule("fourth time"),
        PhraseRule("good morning", speaker: .agent), PhraseRule("hold"), PhraseRule("cannot"),
        PhraseRule("I understand"), PhraseRule("goodbye", speaker: .customer),
    ]

    /// Every transcript at hand: the fixture calls, the designed sentiment calls and the labelled moments set.
    static let transcripts: [(name: String, words: [Word])] = {
        var all = Fixtures.calls.map { name in
            let metadata = try! CallMetadata.read(url: Fixtures.call(name, "meta.json"))
            let words = try! TranscriptReader.read(url: Fixtures.call(name, "json")).words
            return (name, RoleAssigner(channels: .agentFirst, metadata: metadata).assign(words))
        }
        // The live engine takes words with their role set, as the batch analyzer sets it.
        for name in SentimentDesignedCall.names {
            all.append((name, RoleAssigner().assign(try! SentimentDesignedCall(name).words)))
        }
        all += MomentSetCall.all.map { ($0.name, $0.words) }
        return all
    }()

    struct Live: Sendable {
        var turns: [TranscriptWatch.Utterance] = []
        var alerts: [LiveAlert] = []
    }

    /// Feeds the words in the order they end, as a streaming recogniser releases them.
    static func live(_ words: [Word]) throws -> Live {
        var options = LiveAlertOptions()
        options.phrases = phrases
        options.cooldownSeconds = 0
        options.negativeSentiment = -0.3
        var engine = try LiveAlertEngine(options: options, sentimentScorer: analyzer.liveSentimentScorer)
        var watch = TranscriptWatch(options: options)
        var live = Live()
        for word in words.sorted(by: { $0.end < $1.end }) {
            live.alerts += engine.receive(word)
            live.turns += watch.add(word).closed
        }
        live.alerts += engine.finish()
        live.turns += watch.finish()
        live.turns.sort { ($0.start, $0.end) < ($1.start, $1.end) }
        return live
    }

    /// Every transcript's live run, made once for the three tests below, which each read a different part of it.
    static let liveRuns = Task { try transcripts.map { try live($0.words) } }

    @Test func liveCutsTheTurnsBatchScores() async throws {
        for ((name, words), live) in zip(Self.transcripts, try await Self.liveRuns.value) {
            let batch = TurnSegmenter.turns(from: words.filter { $0.role != nil })
            #expect(live.turns.map { [$0.speaker.rawValue, "\($0.start)", "\($0.end)", $0.text] }
                == batch.map { [$0.role.rawValue, "\($0.start)", "\($0.end)", $0.text] }, "\(name)")
        }
    }

    @Test func liveSentimentAlertsAndMomentsAreBatchs() async throws {
        var moments = 0
        for ((name, words), live) in zip(Self.transcripts, try await Self.liveRuns.value) {
            let report = Self.sentiment.analyze(words: words)
            let negative = report.turns.filter { $0.textScore <= -0.3 }.map { "\($0.speaker.rawValue) \($0.start)" }
            #expect(live.alerts.filter { $0.kind == .sentiment }.map { "\($0.speaker!.rawValue) \($0.start)" } == negative, "\(name)")
            let batchMoments = SentimentMomentFinder.moments(in: report).filter(\.carriedByWords)
                .map { "\($0.speaker.rawValue) \($0.start) from \($0.from) to \($0.to)" }
            let liveMoments = live.alerts.filter { $0.kind == .sentimentMoment }.map { alert in
                "\(alert.speaker!.rawValue) \(alert.start) " + alert.summary.split(separator: " ").dropFirst(3).prefix(4).joined(separator: " ")
            }
            #expect(liveMoments == batchMoments, "\(name)")
            moments += batchMoments.count
        }
        #expect(moments >= 30)
    }

    @Test func livePhraseAlertsAreTheBatchMatchersHits() async throws {
        for ((name, words), run) in zip(Self.transcripts, try await Self.liveRuns.value) {
            let live = run.alerts.filter { $0.kind == .phrase }
            let matcher = PhraseMatcher(context: RubricContext(words: words))
            var batch: [String] = []
            for rule in Self.phrases {
                let condition = PhraseCondition(
                    phrases: [rule.phrase], patterns: [], exactPatterns: [], label: nil, speaker: rule.speaker,
                    window: .span(start: 0, end: nil), atLeast: 1, atMost: nil)
                batch += try matcher.matches(of: condition, in: 0...Double.infinity).map { "\(rule.phrase) \($0.start)" }
            }
            let hits = live.map { alert in
                "\(Self.phrases.first { alert.summary.hasSuffix("\"\($0.phrase)\"") }!.phrase) \(alert.start)"
            }
            #expect(hits.sorted() == batch.sorted(), "\(name)")
        }
    }
}
