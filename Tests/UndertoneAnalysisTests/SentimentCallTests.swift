import Foundation
import Testing
import UndertoneAnalysis

/// The designed calls in AudioFixtures/sentiment: customer turns labelled −2…2, one call per arc shape.
struct SentimentDesignedCall: Sendable {
    struct Labels: Decodable, Sendable {
        struct Turn: Decodable, Sendable {
            var start: Double
            var end: Double
            var label: Double
            var text: String
        }

        var shape: ArcShape
        var customerTurns: [Turn]
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("AudioFixtures/sentiment")
    static let names = ["falling-billing-fee", "rising-internet-outage", "flat-address-change", "spike-and-drop-upgrade",
                        "dip-and-recover-delivery"]

    var name: String
    var labels: Labels
    var words: [Word]

    init(_ name: String) throws {
        self.name = name
        labels = try JSONDecoder().decode(Labels.self, from: Data(contentsOf: Self.folder.appendingPathComponent("\(name).labels.json")))
        words = try TranscriptReader.read(url: Self.folder.appendingPathComponent("\(name).transcript.json")).words
    }

    /// The report's customer turn overlapping each labelled turn most.
    func customerScores(in report: SentimentReport) -> [Double] {
        let turns = report.turns.filter { $0.speaker == .customer }
        return labels.customerTurns.map { labelled in
            turns.max { overlap($0, labelled) < overlap($1, labelled) }?.score ?? .nan
        }
    }

    private func overlap(_ turn: SentimentTurn, _ labelled: Labels.Turn) -> Double {
        max(0, min(turn.end, labelled.end) - max(turn.start, labelled.start))
    }
}

/// Correlation coefficients for comparing scores with labels.
enum Correlation {
    static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let mx = x.reduce(0, +) / Double(x.count), my = y.reduce(0, +) / Double(y.count)
        let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
        let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }, syy = y.reduce(0) { $0 + ($1 - my) * ($1 - my) }
        return sxy / (sxx * syy).squareRoot()
    }

    static func spearman(_ x: [Double], _ y: [Double]) -> Double { pearson(ranks(x), ranks(y)) }

    /// Ranks from 1, ties sharing their mean rank.
    static func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var result = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, values[order[end + 1]] == values[order[start]] { end += 1 }
            for position in start...end { result[order[position]] = Double(start + end) / 2 + 1 }
            start = end + 1
        }
        return result
    }
}

@Suite struct SentimentCallTests {
    static let analyzer = try! SentimentAnalyzer()

    @Test(arguments: SentimentDesignedCall.names)
    func textOnlyArcHasTheDesignedShape(name: String) throws {
        let call = try SentimentDesignedCall(name)
        let report = Self.analyzer.analyze(words: call.words)
        #expect(report.arcs["customer"]?.shape == call.labels.shape)
    }

    @Test func textOnlyTurnScoresRankLikeTheLabels() throws {
        var labels: [Double] = [], scores: [Double] = []
        for name in SentimentDesignedCall.names {
            let call = try SentimentDesignedCall(name)
            labels += call.labels.customerTurns.map(\.label)
            scores += call.customerScores(in: Self.analyzer.analyze(words: call.words))
        }
        #expect(labels.count == 37)
        // Measured 0.824 (VADER 0.659 on the same turns: Scripts/sentiment/evaluate_calls.py --text-only).
        #expect(Correlation.spearman(labels, scores) > 0.8)
    }

    struct AnalyzedCall: Sendable {
        var call: SentimentDesignedCall
        var report: SentimentReport
    }

    /// The whole pipeline on each call's audio and transcript (fused scores with acoustic arousal), run once for all
    /// the tests that need it, in a task the tests await (suspending, not blocking a test thread while it runs).
    static let audioReports = Task { () throws -> [AnalyzedCall] in
        let analyzer = try CallAnalyzer()
        return try SentimentDesignedCall.names.map { name in
            let call = try SentimentDesignedCall(name)
            let input = CallInput(
                audio: SentimentDesignedCall.folder.appendingPathComponent("\(name).opus"),
                transcript: SentimentDesignedCall.folder.appendingPathComponent("\(name).transcript.json")
            )
            return AnalyzedCall(call: call, report: try analyzer.analyze(input).sentiment)
        }
    }

    @Test func withAudioTurnScoresRankLikeTheLabelsBetterThanVADERAndArcsKeepTheirShapes() async throws {
        var labels: [Double] = [], scores: [Double] = []
        for (call, report) in try await Self.audioReports.value.map({ ($0.call, $0.report) }) {
            #expect(report.arcs["customer"]?.shape == call.labels.shape, "\(call.name)")
            #expect(report.turns.filter { $0.speaker == .customer }.allSatisfy { $0.arousal != nil })
            labels += call.labels.customerTurns.map(\.label)
            scores += call.customerScores(in: report)
        }
        // Measured 0.875; VADER reaches 0.659 on the same 37 turns (Scripts/sentiment/evaluate_calls.py).
        #expect(Correlation.spearman(labels, scores) >= 0.85)
    }

    @Test(arguments: [
        ("falling-billing-fee", "I'm afraid that's our policy, the fee can't be refunded.", false),
        ("dip-and-recover-delivery", "You'll have to file a claim with the courier.", false),
        ("dip-and-recover-delivery", "You're right, I'm sorry. I'll handle it for you.", true),
        ("rising-internet-outage", "I can see a fault on the line. I'm resetting it from here.", true),
    ])
    func customerTurnsOnTheDesignedTrigger(name: String, trigger: String, upward: Bool) async throws {
        let reports = try await Self.audioReports.value
        let report = try #require(reports.first { $0.call.name == name }?.report)
        let check = { () throws in
            let point = try #require(report.turningPoints.first { $0.speaker == .customer && $0.trigger?.text == trigger })
            #expect((point.to > point.from) == upward)
            #expect(point.trigger?.speaker == .agent)
        }
        guard name == "rising-internet-outage" else { return try check() }
        // Since speech is decided by the neural detector, this customer's rise is found one agent line earlier
        // ("I understand your frustration…", −0.82 → −0.46); the sentiment-moment work of issue 15 revisits it.
        withKnownIssue("turning point one agent line before the designed trigger") { try check() }
    }

    @Test func ranksShareTies() {
        #expect(Correlation.ranks([3, 1, 2, 1]) == [4, 1.5, 3, 1.5])
    }
}
