import Foundation
import Testing
@testable import UndertoneAnalysis

@Suite struct TextSummaryTests {
    /// A small report whose every figure is known.
    static let report = CallReport(
        schemaVersion: "1", engine: .init(name: "undertone", version: Undertone.version),
        call: .init(source: "calls/a.wav", format: "WAV (u-law)", sampleRate: 8000, channels: 2, durationSeconds: 95.0),
        speakers: .init(agent: .init(channel: 0), customer: .init(channel: 1)),
        speech: [],
        pauses: [
            Pause(kind: .deadAir, start: 40.0, end: 46.5, after: .agent, afterText: "Let me check."),
            Pause(kind: .deadAir, start: 70.0, end: 75.5, after: .customer, afterText: nil),
            Pause(kind: .hold, start: 50.0, end: 62.0, after: .agent, afterText: nil),
            Pause(kind: .gap, start: 10.0, end: 11.0, after: .agent, afterText: nil),
        ],
        overlaps: [
            Overlap(start: 20, end: 21, interrupter: .customer, kind: .interruption),
            Overlap(start: 30, end: 30.4, interrupter: .agent, kind: .backchannel),
        ],
        stats: StatsReport(agent: SpeakerStats(talkSeconds: 40, talkRatio: 0.42), customer: SpeakerStats(talkSeconds: 30, talkRatio: 0.316)),
        sentiment: SentimentReport(arcs: [
            "customer": SentimentArc(shape: .dipAndRecover, step: 1, points: [0.5, -1, -1, 1], quarters: [0.5, -1, -1, 1]),
        ]),
        opening: OpeningAudit(windowSeconds: 30, score: 50, checks: [
            OpeningCheck(id: "greeting", passed: true, evidence: [], justification: "Agent said 'hello' at 0:01.0"),
            OpeningCheck(id: "agentName", passed: false, evidence: [], justification: "The agent did not give their name"),
            OpeningCheck(id: "customerName", passed: false, evidence: [], justification: "No transcript", applicable: false),
        ]),
        criteria: [
            CriterionResult(template: "backfire-phrases", id: "policyStatement", name: "No policy", score: 0, passed: false,
                            evidence: [], justification: "Agent said 'that's our policy' at 0:35.9"),
            CriterionResult(template: "empathy", id: "acknowledge", name: "Acknowledge", score: 1, passed: true,
                            evidence: [], justification: "fine"),
            CriterionResult(template: "empathy", id: "policy", name: "Policy", score: 0, passed: false,
                            evidence: [], justification: "no policy talk", applicable: false),
        ],
        moments: [
            Moment(kind: .deadAir, start: 40, end: 46.5, speaker: nil, severity: .high, summary: "6.5 s of dead air"),
        ],
        frames: nil, notes: ["Mono recording."]
    )

    @Test func summaryShowsTheFiguresACoachAsksFor() {
        let lines = ReportTextRenderer.render(Self.report).split(separator: "\n").map(String.init)
        #expect(lines.contains("           1:35.0 · WAV (u-law) · 8000 Hz · 2 ch"))
        #expect(lines.contains("Talk       agent 42% · customer 32%"))
        #expect(lines.contains("Dead air   2, 12.0 s in all, longest 6.5 s at 0:40.0"))
        #expect(lines.contains("Hold       1, 12.0 s in all, longest 12.0 s at 0:50.0"))
        #expect(lines.contains("Interrupts agent 0 · customer 1 · backchannels 1"))
        #expect(lines.contains("Opening (first 30 s)  score 50/100"))
        #expect(lines.contains("  ✓ greeting         Agent said 'hello' at 0:01.0"))
        #expect(lines.contains("  ✗ agentName        The agent did not give their name"))
        #expect(lines.contains("  – customerName     No transcript"))
        #expect(lines.contains("Failed criteria  1"))
        #expect(lines.contains("  ✗ backfire-phrases/policyStatement: Agent said 'that's our policy' at 0:35.9"))
        #expect(lines.contains("  0:40.0  high   deadAir: 6.5 s of dead air"))
        #expect(lines.contains("  customer  ▆▁▁█  dipAndRecover"))
        #expect(lines.contains("Note: Mono recording."))
    }

    @Test func sparklineMapsMinusOneToOneOntoEightLevels() {
        #expect(ReportTextRenderer.sparkline([-1, 0, 1], width: 10) == "▁▅█")
        #expect(ReportTextRenderer.sparkline([-1, -1, 1, 1], width: 2) == "▁█")
        #expect(ReportTextRenderer.sparkline([], width: 5) == "")
    }
}
