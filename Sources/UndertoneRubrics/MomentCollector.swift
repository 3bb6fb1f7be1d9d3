import UndertoneSentiment
import UndertoneAudio
import UndertoneConversation
import UndertoneTranscripts

/// Gathers everything worth replaying in a call into one time-sorted list.
public enum MomentCollector {
    /// When a stretch is worth flagging and how severe it is.
    public struct Thresholds: Sendable {
        /// Dead air from this long is `medium`, from `highDeadAir` `high` (Observe.AI flags 10 s, Genesys 15 s).
        public var mediumDeadAir: Double = 10
        public var highDeadAir: Double = 15
        /// Holds shorter than this are not flagged; from `mediumHold` they are `medium`, from `highHold` `high`.
        public var longHold: Double = 60
        public var mediumHold: Double = 120
        public var highHold: Double = 300
        /// An interruption this long is one severity level worse.
        public var longInterruption: Double = 2
        /// A sentiment fall of at least this much is `medium`, of `highDrop` `high` (scores are in −1…1).
        public var mediumDrop: Double = 0.5
        public var highDrop: Double = 0.8

        public init() {}
    }

    /// Dead air and long holds, interruptions (not backchannels), sentiment drops and turning points, and failed
    /// criteria (as `backfirePhrase` when their template says so), sorted by start time, most severe first on ties,
    /// then shortest first.
    ///
    /// - Parameters:
    ///   - context: the call; without conversation results, dead air is estimated from word timings.
    ///   - criteria: evaluated criteria; failures of applicable ones become moments.
    ///   - templates: the templates the criteria came from, for each criterion's moment kind and severity.
    public static func collect(
        from context: RubricContext, criteria: [CriterionResult] = [], templates: [RubricTemplate] = [],
        thresholds: Thresholds = Thresholds()
    ) -> [Moment] {
        var moments = silences(context, thresholds) + interruptions(context, thresholds) + sentiment(context, thresholds)
        for result in criteria where result.failed {
            let criterion = templates.first { $0.id == result.template }?.criteria.first { $0.id == result.id }
            let kind = criterion?.momentKind ?? .failedCriterion
            let severity = criterion?.severity ?? (result.autoFail ? .high : .medium)
            let raisedBy = "\(result.template)/\(result.id)"
            let flagged = kind == .backfirePhrase ? result.evidence : Array(result.evidence.prefix(1))
            if flagged.isEmpty {
                moments.append(Moment(
                    kind: kind, start: 0, end: 0, speaker: nil, severity: severity, summary: "\(result.name): \(result.justification)",
                    criterion: raisedBy))
            }
            for evidence in flagged {
                // A failed dead-air criterion points at a stretch already flagged as dead air.
                if moments.contains(where: { $0.kind != kind && abs($0.start - evidence.start) < 0.05 && abs($0.end - evidence.end) < 0.05 }) {
                    continue
                }
                let summary = kind == .backfirePhrase
                    ? "\(ConditionEvaluator.name(of: evidence.speaker)) said '\(evidence.text)' (\(result.name))"
                    : "\(result.name): \(result.justification)"
                moments.append(Moment(
                    kind: kind, start: evidence.start, end: evidence.end, speaker: evidence.speaker, severity: severity,
                    summary: summary, criterion: raisedBy))
            }
        }
        return moments.sorted { ($0.start, $1.severity, $0.end, $0.kind.rawValue) < ($1.start, $0.severity, $1.end, $1.kind.rawValue) }
    }

    private static func silences(_ context: RubricContext, _ thresholds: Thresholds) -> [Moment] {
        let pauses = context.conversation?.pauses ?? MetricMeasurer(context: context).deadAir(in: 0...context.duration).pauses
        return pauses.compactMap { pause in
            let length = pause.end - pause.start
            let after = pause.after.map { who in " after the \(who.rawValue)" + (pause.afterText.map { " said '\($0)'" } ?? "") } ?? ""
            switch pause.kind {
            case .deadAir:
                let severity: Moment.Severity = length >= thresholds.highDeadAir ? .high : length >= thresholds.mediumDeadAir ? .medium : .low
                return Moment(kind: .deadAir, start: pause.start, end: pause.end, speaker: pause.after, severity: severity,
                              summary: "\(ClockTime.duration(length)) of dead air\(after)")
            case .hold where length >= thresholds.longHold:
                let severity: Moment.Severity = length >= thresholds.highHold ? .high : length >= thresholds.mediumHold ? .medium : .low
                return Moment(kind: .longHold, start: pause.start, end: pause.end, speaker: pause.after, severity: severity,
                              summary: "Hold of \(ClockTime.duration(length))\(after)")
            default:
                return nil
            }
        }
    }

    private static func interruptions(_ context: RubricContext, _ thresholds: Thresholds) -> [Moment] {
        (context.conversation?.overlaps ?? []).filter { $0.kind == .interruption }.map { overlap in
            let length = overlap.end - overlap.start
            var severity: Moment.Severity = overlap.interrupter == .agent ? .medium : .low
            if length >= thresholds.longInterruption { severity = severity == .low ? .medium : .high }
            let who = ConditionEvaluator.name(of: overlap.interrupter)
            return Moment(kind: .interruption, start: overlap.start, end: overlap.end, speaker: overlap.interrupter, severity: severity,
                          summary: "\(who) talked over the \(overlap.interrupter.other.rawValue) for \(ClockTime.duration(length))")
        }
    }

    /// Sentiment moments (`SentimentMomentFinder`: large, sustained changes, none measured on or right after a
    /// backchannel or a greeting or closing formula). A rise is a `turningPoint` of low severity; a fall carried by
    /// the words is `medium` or `high` by its size; a fall in the voice alone is listed at `low` and says so.
    private static func sentiment(_ context: RubricContext, _ thresholds: Thresholds) -> [Moment] {
        guard let report = context.sentiment else { return [] }
        return SentimentMomentFinder.moments(in: report).map { moment in
            let change = moment.to - moment.from
            let start = min(moment.trigger?.start ?? moment.start, moment.start)
            let end = max(moment.trigger?.end ?? moment.end, moment.end)
            let trigger = moment.trigger.map { " after the \($0.speaker.rawValue) said '\($0.text)'" } ?? ""
            let who = ConditionEvaluator.name(of: moment.speaker)
            let values = "from \(ConditionEvaluator.number(moment.from)) to \(ConditionEvaluator.number(moment.to))"
            guard change < 0 else {
                return Moment(kind: .turningPoint, start: start, end: end, speaker: moment.speaker, severity: .low,
                              summary: "\(who) sentiment rose \(values)\(trigger)")
            }
            guard moment.carriedByWords else {
                return Moment(kind: .sentimentDrop, start: start, end: end, speaker: moment.speaker, severity: .low,
                              summary: "\(who) sentiment fell \(values)\(trigger) (tone of voice only; the words did not turn negative)")
            }
            let severity: Moment.Severity = -change >= thresholds.highDrop ? .high : -change >= thresholds.mediumDrop ? .medium : .low
            return Moment(kind: .sentimentDrop, start: start, end: end, speaker: moment.speaker, severity: severity,
                          summary: "\(who) sentiment fell \(values)\(trigger)")
        }
    }
}
