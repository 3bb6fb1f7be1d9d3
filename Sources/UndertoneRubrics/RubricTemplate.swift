import UndertoneAudio

/// A QA rubric read from a YAML template: named criteria, each a check on the call with a weight.
///
/// The format is documented for QA leads in `docs/rubrics.md`. Templates are values: parse once, evaluate against
/// any number of calls with ``RubricEvaluator``.
public struct RubricTemplate: Sendable {
    /// The template's id (`template:` key), used as `CriterionResult.template`.
    public var id: String
    /// A human title.
    public var name: String
    /// What the template is for, as its author wrote it.
    public var description: String?
    /// The criteria in file order.
    public var criteria: [Criterion]
    /// Named call stages (`opening`, `closing`, `whole` and any the template adds).
    var stages: [String: Window]

    /// One scored item of a template.
    public struct Criterion: Sendable {
        /// Unique within the template; `CriterionResult.id` (and `OpeningCheck.id` for the opening template).
        public var id: String
        /// A human title (defaults to the id).
        public var name: String
        /// Relative weight in the template score (default 1).
        public var weight: Double
        /// When true, failing this criterion scores the whole template 0.
        public var autoFail: Bool
        /// The moment kind a failure is flagged as (default `failedCriterion`).
        public var momentKind: Moment.Kind
        /// The severity of that moment (default `high` for auto-fail criteria, else `medium`).
        public var severity: Moment.Severity
        /// 1-based line of the criterion in its file.
        public var line: Int
        var applies: Condition?
        var check: Condition
        var scale: Scale?
    }

    /// Linear scoring of the number a check measures: `best` scores 1, `worst` scores 0.
    struct Scale: Sendable {
        var best: Double
        var worst: Double

        func score(_ value: Double) -> Double {
            guard best != worst else { return value == best ? 1 : 0 }
            return min(1, max(0, (value - worst) / (best - worst)))
        }
    }
}

/// The default stages every template knows.
extension RubricTemplate {
    static let defaultStages: [String: Window] = [
        "opening": .span(start: 0, end: 30),
        "closing": .last(seconds: 60),
        "whole": .span(start: 0, end: nil),
    ]

    /// The opening stage's length in seconds (30 unless the template redefines `opening`).
    public var openingSeconds: Double {
        if case .span(_, let end?) = stages["opening"] { return end }
        return 30
    }
}

/// A stretch of the call a condition looks at, resolved against each call.
enum Window: Sendable, Equatable {
    /// Seconds from the start; `end` nil means the end of the call.
    case span(start: Double, end: Double?)
    /// The last N seconds of the call.
    case last(seconds: Double)
    /// From the start of the N-th last turn to the end.
    case lastTurns(Int)
    /// From the start to the end of the N-th turn.
    case firstTurns(Int)
    /// A stage named in the template (resolved when evaluating).
    case stage(String)
}

/// What a criterion checks. Every case produces a verdict, evidence and a justification.
indirect enum Condition: Sendable {
    case said(PhraseCondition)
    case notSaid(PhraseCondition)
    /// Whenever `then` is said, `first` must have been said before it.
    case order(first: PhraseCondition, then: PhraseCondition)
    case firstWord(FirstWordCondition)
    case metric(MetricCondition)
    /// A metadata field is present and not empty.
    case metadata(String)
    case all([Condition])
    case any([Condition])
    case not(Condition)
    /// `if` decides which branch is checked; a missing `else` makes the criterion N/A.
    case choose(if: Condition, then: Condition, else: Condition?)
}

/// Phrases or patterns spoken by a party in a window, counted.
struct PhraseCondition: Sendable {
    /// Phrases as written in the template, placeholders unexpanded.
    var phrases: [String]
    /// Regular expressions over the normalised text (lower case, no punctuation, contractions expanded).
    var patterns: [String]
    /// Regular expressions over the words as transcribed (case and punctuation kept).
    var exactPatterns: [String]
    /// How justifications name the phrases ("greeting"); nil quotes the phrases.
    var label: String?
    /// nil: anyone.
    var speaker: Speaker?
    var window: Window
    var atLeast: Int
    var atMost: Int?
}

/// Time from a reference point to a party's first word.
struct FirstWordCondition: Sendable {
    enum Reference: String, Sendable, CaseIterable { case callStart, otherSpeaker }
    var speaker: Speaker
    var within: Double
    var from: Reference
}

/// A figure measured from the analysis, in a window, with bounds.
struct MetricCondition: Sendable {
    var metric: Metric
    /// The party measured; nil: both (or the metric's natural default).
    var speaker: Speaker?
    var window: Window
    var atLeast: Double?
    var atMost: Double?
}

/// The figures a metric condition can test.
enum Metric: String, Sendable, CaseIterable {
    case deadAirCount, longestDeadAir, deadAirSeconds
    case holdCount, longestHold, holdSeconds
    case interruptions
    case talkRatio
    case wordsPerMinute
    case sentimentChange
    case loudness, peakLoudness

    /// How justifications name the figure.
    var title: String {
        switch self {
        case .deadAirCount: "Dead air count"
        case .longestDeadAir: "Longest dead air"
        case .deadAirSeconds: "Total dead air"
        case .holdCount: "Hold count"
        case .longestHold: "Longest hold"
        case .holdSeconds: "Total hold"
        case .interruptions: "Interruptions"
        case .talkRatio: "Talk ratio"
        case .wordsPerMinute: "Speaking rate"
        case .sentimentChange: "Sentiment change"
        case .loudness: "Mean loudness"
        case .peakLoudness: "Peak loudness"
        }
    }

    var unit: String {
        switch self {
        case .longestDeadAir, .deadAirSeconds, .longestHold, .holdSeconds: " s"
        case .wordsPerMinute: " wpm"
        default: ""
        }
    }
}
