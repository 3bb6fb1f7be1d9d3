import Foundation
import UndertoneConversation

/// The human-readable summary of a report, for a terminal.
public enum ReportTextRenderer {
    /// How many moments the summary lists.
    static let topMomentCount = 8

    public static func render(_ report: CallReport) -> String {
        var lines: [String] = []
        let call = report.call
        lines.append("Call       \(call.source)")
        lines.append("           \(clock(call.durationSeconds)) · \(call.format) · \(call.sampleRate) Hz · \(call.channels) ch")
        lines.append(talkLine(report))
        lines.append(pauseLine(report.pauses, kind: .deadAir, label: "Dead air"))
        lines.append(pauseLine(report.pauses, kind: .hold, label: "Hold"))
        lines.append(overlapLine(report.overlaps))
        if let opening = report.opening {
            lines.append("")
            lines.append("Opening (first \(Int(opening.windowSeconds)) s)  score \(score(opening.score, reason: opening.reason))")
            for check in opening.checks {
                let mark = check.passed.map { $0 ? "✓" : "✗" } ?? "–"
                lines.append("  \(mark) \(check.id.padding(toLength: 17, withPad: " ", startingAt: 0))\(check.justification)")
            }
        }
        if !report.templates.isEmpty {
            lines.append("")
            lines.append("Templates")
            for template in report.templates {
                let autoFail = template.autoFailed ? " (auto-fail)" : ""
                lines.append("  \(template.template.padding(toLength: 22, withPad: " ", startingAt: 0))\(score(template.score, reason: template.reason))\(autoFail)")
            }
        }
        let failed = report.criteria.filter(\.failed)
        lines.append("")
        lines.append("Failed criteria  \(failed.isEmpty ? "none" : String(failed.count))")
        for criterion in failed {
            lines.append("  ✗ \(criterion.template)/\(criterion.id): \(criterion.justification)")
        }
        let moments = report.moments
            .sorted { ($0.severity, -$0.start) > ($1.severity, -$1.start) }
            .prefix(topMomentCount)
            .sorted { $0.start < $1.start }
        lines.append("")
        lines.append("Top moments  \(report.moments.count) flagged")
        for moment in moments {
            let who = moment.speaker.map { " \($0.rawValue)" } ?? ""
            lines.append("  \(clock(moment.start))  \(moment.severity.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)) \(moment.kind.rawValue)\(who): \(moment.summary)")
        }
        lines.append("")
        lines.append("Sentiment arc")
        for role in ["agent", "customer", "mixed"] {
            guard let arc = report.sentiment.arcs[role] else { continue }
            lines.append("  \(role.padding(toLength: 9, withPad: " ", startingAt: 0)) \(sparkline(arc.points, width: 48))  \(arc.shape.rawValue)")
        }
        if report.sentiment.arcs.isEmpty { lines.append("  (no transcript)") }
        for note in report.notes { lines.append("Note: \(note)") }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func talkLine(_ report: CallReport) -> String {
        var parts: [String] = []
        if let agent = report.stats.agent { parts.append("agent \(percent(agent.talkRatio))") }
        if let customer = report.stats.customer { parts.append("customer \(percent(customer.talkRatio))") }
        return "Talk       " + (parts.isEmpty ? "per-speaker figures unavailable" : parts.joined(separator: " · "))
    }

    private static func pauseLine(_ pauses: [Pause], kind: Pause.Kind, label: String) -> String {
        let matching = pauses.filter { $0.kind == kind }
        let title = label.padding(toLength: 11, withPad: " ", startingAt: 0)
        guard let longest = matching.max(by: { $0.end - $0.start < $1.end - $1.start }) else { return title + "none" }
        let total = matching.reduce(0) { $0 + $1.end - $1.start }
        return title + String(
            format: "%d, %.1f s in all, longest %.1f s at %@", matching.count, total, longest.end - longest.start,
            clock(longest.start)
        )
    }

    private static func overlapLine(_ overlaps: [Overlap]) -> String {
        let interruptions = overlaps.filter { $0.kind == .interruption }
        let byAgent = interruptions.filter { $0.interrupter == .agent }.count
        let byCustomer = interruptions.filter { $0.interrupter == .customer }.count
        let backchannels = overlaps.count - interruptions.count
        return "Interrupts agent \(byAgent) · customer \(byCustomer) · backchannels \(backchannels)"
    }

    /// `87/100`, or `N/A (reason)` for a score that was not computed: never a number for "not checked".
    static func score(_ score: Double?, reason: String?) -> String {
        guard let score else { return "N/A" + (reason.map { " (\($0))" } ?? "") }
        return "\(Int(score.rounded()))/100"
    }

    static func percent(_ ratio: Double) -> String { "\(Int((ratio * 100).rounded()))%" }

    /// `m:ss.s` for a time in seconds.
    static func clock(_ seconds: Double) -> String {
        let tenths = Int((seconds * 10).rounded())
        return String(format: "%d:%02d.%d", tenths / 600, (tenths / 10) % 60, tenths % 10)
    }

    /// A one-line chart of values in [−1, 1], resampled to at most `width` cells.
    static func sparkline(_ values: [Double], width: Int) -> String {
        guard !values.isEmpty else { return "" }
        let glyphs = Array("▁▂▃▄▅▆▇█")
        let cells = min(width, values.count)
        return String((0..<cells).map { cell -> Character in
            let lower = cell * values.count / cells
            let upper = max(lower + 1, (cell + 1) * values.count / cells)
            let mean = values[lower..<upper].reduce(0, +) / Double(upper - lower)
            let level = Int(((mean + 1) / 2 * Double(glyphs.count - 1)).rounded())
            return glyphs[min(glyphs.count - 1, max(0, level))]
        })
    }
}
