import Foundation
import UndertoneAnalysis

/// What the call page template shows: the report laid out as a timeline, the transcript as words with times, the
/// audit and criteria with their evidence, the moments, and the reviews. Every string reaches the page through
/// Mustache's escaping `{{…}}`, except `timelineShapes`, `momentItems` and `transcript`: HTML that `HTMLWriter`
/// escaped (Mustache reflects on each value, too slow for the thousands of them in a long call).
struct CallPageView {
    /// A stretch on the timeline; `label` names it and `CallPageHTML` adds its times.
    struct Span {
        var start: Double
        var end: Double
        var kind: String
        var label: String
    }

    struct Lane {
        var name: String
        var y: Int
        var labelY: Int
        var speech: [Span]
        var overlaps: [Span]
        /// The sentiment arc: polyline points in a `0 0 duration 2` box (score +1 at the top).
        var arc: String?
        var arcLabel: String?
    }

    struct Link {
        var seconds: String
        var label: String
        var text: String
    }

    struct ReviewView {
        var verdict: String
        var verdictLabel: String
        var comment: String?
        var reviewer: String
        var time: String
    }

    struct MomentView {
        var index: Int
        var target: String
        var kind: String
        var kindLabel: String
        var start: String
        var end: String
        var time: String
        var x: String
        var severity: String
        var speaker: String?
        var summary: String
        var review: ReviewView?
        var confirmed: Bool
        var falseAlarm: Bool
    }

    struct CriterionView {
        var target: String
        var name: String
        var template: String
        var result: String
        var resultLabel: String
        var justification: String
        var evidence: [Link]
        var review: ReviewView?
        var options: [SelectOption]
    }

    struct Tick {
        var x: String
        var label: String
    }

    var id: String
    var title: String
    var agent: String?
    var created: String
    var duration: String
    var durationSeconds: String
    var csrf: String
    var lanes: [Lane]
    var pauses: [Span]
    var moments: [MomentView]
    var ticks: [Tick]
    var hasMoments: Bool
    /// The timeline's shapes and the moments list, HTML (`CallPageHTML`).
    var timelineShapes = ""
    var momentItems = ""
    /// The transcript's lines, HTML (`TranscriptHTML`).
    var transcript: String
    var hasTranscript: Bool
    var openingScore: String?
    var openingChecks: [CriterionView]
    var criteria: [CriterionView]
    var timelineLabel: String
    var timelineHeight: Int
    var pauseHeight: Int

    /// `transcript` is the transcript's HTML (`TranscriptHTML.render`).
    init(record: CallRecord, report: CallReport, transcript: String, reviews: [Review], csrf: String) {
        let duration = report.call.durationSeconds
        let latest = Dictionary(reviews.latestPerTarget.map { ($0.target, $0) }, uniquingKeysWith: { $1 })
        id = record.id
        title = record.audio.name
        agent = record.agent
        created = WebFormat.date(record.createdAt)
        self.duration = WebFormat.time(duration)
        durationSeconds = WebFormat.seconds(duration)
        self.csrf = csrf

        let parties: [Speaker] = report.speech.contains { $0.speaker == .mixed } ? [.mixed] : [.agent, .customer]
        lanes = parties.enumerated().map { index, party in
            let arc = report.sentiment.arcs[party.rawValue]
            return Lane(
                name: party.rawValue.capitalized, y: 36 + index * 44, labelY: 33 + index * 44,
                speech: Self.merged(report.speech.filter { $0.speaker == party }.map { ($0.start, $0.end) }, closerThan: duration / 1000)
                    .map { Span(start: $0.start, end: $0.end, kind: "speech", label: "\(party.rawValue.capitalized) speaks") },
                overlaps: report.overlaps.filter { $0.interrupter == party }.map {
                    Span(start: $0.start, end: $0.end, kind: $0.kind.rawValue, label: "\(WebFormat.label($0.kind.rawValue)) by the \($0.interrupter.rawValue)")
                },
                arc: arc.flatMap { arc in
                    arc.points.isEmpty ? nil : arc.points.enumerated()
                        .map { String(format: "%.2f,%.3f", Double($0.offset) * arc.step, 1 - $0.element) }.joined(separator: " ")
                },
                arcLabel: arc.map { "\(party.rawValue.capitalized) sentiment: \($0.shape.rawValue)" }
            )
        }
        pauseHeight = 44 * lanes.count
        timelineHeight = 26 + pauseHeight
        pauses = report.pauses.filter { $0.kind != .gap || $0.end - $0.start >= 1 }.map {
            Span(start: $0.start, end: $0.end, kind: $0.kind.rawValue, label: WebFormat.label($0.kind.rawValue))
        }
        func reviewView(_ target: String) -> ReviewView? {
            latest[target].map {
                ReviewView(
                    verdict: $0.verdict.rawValue, verdictLabel: WebFormat.label($0.verdict.rawValue), comment: $0.comment,
                    reviewer: $0.reviewer, time: WebFormat.date($0.createdAt)
                )
            }
        }
        moments = report.moments.enumerated().map { index, moment in
            let target = ReviewTargets.momentKey(moment)
            let review = reviewView(target)
            return MomentView(
                index: index, target: target, kind: moment.kind.rawValue, kindLabel: WebFormat.label(moment.kind.rawValue),
                start: WebFormat.seconds(moment.start), end: WebFormat.seconds(moment.end), time: WebFormat.time(moment.start),
                x: WebFormat.percent(moment.start, of: duration), severity: moment.severity.rawValue,
                speaker: moment.speaker?.rawValue, summary: moment.summary, review: review,
                confirmed: review?.verdict == "confirmed", falseAlarm: review?.verdict == "falseAlarm"
            )
        }
        hasMoments = !moments.isEmpty
        let tickStep = [10.0, 30, 60, 120, 300, 600, 900].first { duration / $0 <= 12 } ?? 1800
        ticks = stride(from: 0, through: duration, by: tickStep).map { Tick(x: WebFormat.percent($0, of: duration), label: WebFormat.time($0)) }

        self.transcript = transcript
        hasTranscript = !report.sentiment.turns.isEmpty

        func links(_ evidence: [Evidence]) -> [Link] {
            evidence.map { Link(seconds: WebFormat.seconds($0.start), label: WebFormat.time($0.start), text: $0.text) }
        }
        func criterion(target: String, name: String, template: String, passed: Bool?, applicable: Bool, justification: String, evidence: [Evidence]) -> CriterionView {
            let result = ReviewTargets.result(passed: passed, applicable: applicable)
            let review = reviewView(target)
            return CriterionView(
                target: target, name: name, template: template, result: result.rawValue, resultLabel: WebFormat.label(result.rawValue),
                justification: justification, evidence: links(evidence), review: review,
                options: [Review.Verdict.pass, .fail, .na].map {
                    SelectOption(value: $0.rawValue, label: WebFormat.label($0.rawValue), selected: (review?.verdict ?? result.rawValue) == $0.rawValue)
                }
            )
        }
        openingScore = report.opening.map { $0.score.map { String(format: "%.0f", $0) } ?? "N/A" }
        openingChecks = (report.opening?.checks ?? []).map {
            criterion(
                target: ReviewTargets.criterionKey(template: "opening", id: $0.id), name: $0.id, template: "opening", passed: $0.passed,
                applicable: $0.applicable, justification: $0.justification, evidence: $0.evidence
            )
        }
        criteria = report.criteria.map {
            criterion(
                target: ReviewTargets.criterionKey(template: $0.template, id: $0.id), name: $0.name, template: $0.template,
                passed: $0.passed, applicable: $0.applicable, justification: $0.justification, evidence: $0.evidence
            )
        }
        let deadAir = report.pauses.filter { $0.kind == .deadAir }.count, holds = report.pauses.filter { $0.kind == .hold }.count
        timelineLabel = "Timeline of the \(self.duration) call: \(deadAir) dead air, \(holds) hold, \(report.overlaps.count) overlaps, \(moments.count) moments"
        timelineShapes = CallPageHTML.timeline(self, duration: duration)
        momentItems = CallPageHTML.moments(self)
    }

    /// Speech stretches with the gaps shorter than `gap` closed: a thousandth of the call is about a pixel of the
    /// timeline, so the drawing changes by about a pixel at most, and a one-hour call's ~2 100 speech shapes become
    /// ~340 (fewer elements for the browser to lay out).
    static func merged(_ spans: [(start: Double, end: Double)], closerThan gap: Double) -> [(start: Double, end: Double)] {
        var merged: [(start: Double, end: Double)] = []
        for span in spans {
            if let last = merged.last, span.start - last.end < gap {
                merged[merged.count - 1].end = max(last.end, span.end)
            } else {
                merged.append(span)
            }
        }
        return merged
    }
}
