import UndertoneAudio
import UndertoneTranscripts

/// Scores calls against rubric templates.
public enum RubricEvaluator {
    /// One result per criterion of the template, in template order, each with evidence and a justification.
    public static func evaluate(_ template: RubricTemplate, in context: RubricContext) -> [CriterionResult] {
        let evaluator = ConditionEvaluator(context: context, stages: template.stages)
        return template.criteria.map { criterion in
            let outcome = evaluator.outcome(of: criterion)
            return CriterionResult(
                template: template.id, id: criterion.id, name: criterion.name, score: outcome.score, passed: outcome.passed,
                evidence: outcome.evidence, justification: outcome.justification, applicable: outcome.applicable,
                weight: criterion.weight, autoFail: criterion.autoFail)
        }
    }

    /// The template score 0…100: the weighted mean of the applicable criteria's scores, or 0 when an auto-fail
    /// criterion failed; nil when no criterion applied.
    public static func score(_ results: [CriterionResult]) -> Double? {
        let applicable = results.filter(\.applicable)
        if autoFailed(results) { return 0 }
        let totalWeight = applicable.reduce(0) { $0 + $1.weight }
        guard totalWeight > 0 else { return nil }
        return applicable.reduce(0) { $0 + $1.weight * ($1.score ?? 0) } / totalWeight * 100
    }

    /// Whether an applicable auto-fail criterion failed.
    public static func autoFailed(_ results: [CriterionResult]) -> Bool {
        results.contains { $0.autoFail && $0.failed }
    }

    /// The template's score, N/A with `reason` when no criterion applied or the call has no usable transcript.
    public static func templateScore(
        _ template: RubricTemplate, _ results: [CriterionResult], withheld reason: String? = nil
    ) -> TemplateScore {
        TemplateScore(
            template: template.id, name: template.name, score: reason == nil ? score(results) : nil,
            autoFailed: autoFailed(results), reason: reason)
    }
}

/// The verdict of one condition on one call.
struct Outcome: Sendable {
    var passed: Bool
    var evidence: [Evidence]
    var justification: String
    var applicable = true
    /// The number the check measured (count, seconds, metric value), for scaled scoring.
    var value: Double?
    var score: Double = 0

    static func notApplicable(_ reason: String) -> Outcome {
        Outcome(passed: true, evidence: [], justification: "N/A: \(reason)", applicable: false, score: 1)
    }
}

/// Evaluates conditions against one call.
struct ConditionEvaluator {
    let context: RubricContext
    let stages: [String: Window]

    func outcome(of criterion: RubricTemplate.Criterion) -> Outcome {
        if let applies = criterion.applies {
            let precondition = evaluate(applies)
            if !precondition.applicable || !precondition.passed {
                return .notApplicable(precondition.justification.droppingNAPrefix)
            }
        }
        var outcome = evaluate(criterion.check)
        if !outcome.applicable { return .notApplicable(outcome.justification.droppingNAPrefix) }
        if let scale = criterion.scale, let value = outcome.value {
            outcome.score = scale.score(value)
        } else {
            outcome.score = outcome.passed ? 1 : 0
        }
        return outcome
    }

    func evaluate(_ condition: Condition) -> Outcome {
        if condition.needsTranscript {
            if context.words.isEmpty { return .notApplicable("the call has no transcript") }
            if condition.namesAParty && !context.hasRoles { return .notApplicable("the transcript does not say who spoke") }
        }
        switch condition {
        case .said(let phrases):
            return said(phrases)
        case .notSaid(var phrases):
            (phrases.atLeast, phrases.atMost) = (0, 0)
            return said(phrases)
        case .order(let first, let then):
            return order(first, then)
        case .firstWord(let firstWord):
            return self.firstWord(firstWord)
        case .metric(let metric):
            return self.metric(metric)
        case .metadata(let field):
            guard let value = Placeholders.value(of: field, in: context.metadata) else {
                return Outcome(passed: false, evidence: [], justification: "Metadata has no \(field)")
            }
            return Outcome(passed: true, evidence: [], justification: "Metadata gives \(field) '\(value)'")
        case .all(let conditions):
            return combine(conditions.map(evaluate), needAll: true)
        case .any(let conditions):
            return combine(conditions.map(evaluate), needAll: false)
        case .not(let inner):
            var outcome = evaluate(inner)
            outcome.passed.toggle()
            return outcome
        case .choose(let test, let then, let otherwise):
            let decision = evaluate(test)
            if decision.applicable && decision.passed { return evaluate(then) }
            return otherwise.map(evaluate) ?? .notApplicable(decision.justification)
        }
    }

    // MARK: phrases

    /// `said`, and `notSaid` as "said at most 0 times".
    private func said(_ condition: PhraseCondition) -> Outcome {
        let range = resolve(condition.window)
        let matches: [PhraseMatch]
        do {
            matches = try PhraseMatcher(context: context).matches(of: condition, in: range)
        } catch {
            return .notApplicable(error.reason)
        }
        let count = matches.count
        let passed = count >= condition.atLeast && condition.atMost.map { count <= $0 } ?? true
        // "at most 0" is notSaid, whose justification needs no limit.
        let limit = condition.atMost.flatMap { $0 > 0 ? $0 : nil }
        let justification: String
        if count == 0 {
            justification = "No \(what(condition))\(by(condition.speaker)) \(describe(condition.window))"
                + (limit.map { " (at most \($0) allowed)" } ?? "")
        } else {
            let tooMany = limit.map { count > $0 ? " — \(count) times, at most \($0) allowed" : "" } ?? ""
            let tooFew = count < condition.atLeast ? " — only \(count) of at least \(condition.atLeast) times" : ""
            let bounds = tooMany + tooFew
            justification = "\(Self.name(of: condition.speaker)) said \(list(matches))\(bounds)"
        }
        // Evidence of an absence is where it was looked for, with what the party said there instead.
        let evidence = count == 0 && !passed ? [searched(range, by: condition.speaker)] : matches.map(\.evidence)
        return Outcome(passed: passed, evidence: evidence, justification: justification, value: Double(count))
    }

    private func order(_ first: PhraseCondition, _ then: PhraseCondition) -> Outcome {
        let matcher = PhraseMatcher(context: context)
        let later: PhraseMatch?, earlier: PhraseMatch?
        do {
            later = try matcher.matches(of: then, in: resolve(then.window)).first
            earlier = try matcher.matches(of: first, in: resolve(first.window)).first
        } catch {
            return .notApplicable(error.reason)
        }
        guard let later else {
            return Outcome(
                passed: true, evidence: [],
                justification: "No \(what(then))\(by(then.speaker)) \(describe(then.window)), so nothing had to come first")
        }
        if let earlier, earlier.start < later.start {
            return Outcome(
                passed: true, evidence: [earlier.evidence, later.evidence],
                justification: "\(Self.name(of: first.speaker)) said \(quote(earlier)) before \(Self.name(of: then.speaker).lowercased()) said \(quote(later))")
        }
        let after = earlier.map { "; \(what(first)) came only at \(ClockTime.format($0.start))" } ?? ""
        return Outcome(
            passed: false, evidence: [later.evidence] + (earlier.map { [$0.evidence] } ?? []),
            justification: "\(Self.name(of: then.speaker)) said \(quote(later)) before any \(what(first))\(by(first.speaker))\(after)")
    }

    // MARK: timing and metrics

    private func firstWord(_ condition: FirstWordCondition) -> Outcome {
        let who = Self.name(of: condition.speaker)
        guard let word = context.words.first(where: { $0.role == condition.speaker }) else {
            return Outcome(passed: false, evidence: [], justification: "\(who) never spoke")
        }
        var reference = 0.0
        var since = "the call started"
        if condition.from == .otherSpeaker, let other = context.turns.first(where: { $0.role == condition.speaker.other }) {
            reference = other.end
            since = "the \(condition.speaker.other.rawValue)'s first turn"
        }
        let latency = max(0, word.start - reference)
        let passed = latency <= condition.within
        let verdict = passed ? "within" : "later than"
        return Outcome(
            passed: passed, evidence: [Evidence(start: word.start, end: word.end, speaker: word.role, text: word.text)],
            justification: "\(who)'s first word '\(word.text)' at \(ClockTime.format(word.start)), \(ClockTime.duration(latency)) after \(since) (\(verdict) \(ClockTime.duration(condition.within)))",
            value: latency)
    }

    private func metric(_ condition: MetricCondition) -> Outcome {
        let window = describe(condition.window)
        switch MetricMeasurer(context: context).measure(condition.metric, speaker: condition.speaker, in: resolve(condition.window)) {
        case .failure(let missing):
            return .notApplicable("\(condition.metric.rawValue) needs \(missing.input), which this call does not have")
        case .success(let measurement):
            let value = measurement.value
            let passed = condition.atLeast.map { value >= $0 } ?? true && condition.atMost.map { value <= $0 } ?? true
            var bounds: [String] = []
            if let low = condition.atLeast { bounds.append("at least \(Self.number(low))") }
            if let high = condition.atMost { bounds.append("at most \(Self.number(high))") }
            let metric = condition.metric
            let title = condition.speaker.map { "\(Self.name(of: $0)) \(metric.title.lowercased())" } ?? metric.title
            let estimated = measurement.estimated ? ", estimated from word timings" : ""
            let stretches = measurement.evidence.prefix(3).map { "\(ClockTime.format($0.start))–\(ClockTime.format($0.end))" }
            let at = stretches.isEmpty ? "" : ": " + stretches.joined(separator: ", ")
            return Outcome(
                passed: passed,
                evidence: measurement.evidence.isEmpty && !passed ? [searched(resolve(condition.window), by: condition.speaker)] : measurement.evidence,
                justification: "\(title) \(window): \(Self.number(value))\(metric.unit) (allowed: \(bounds.joined(separator: " and "))\(estimated))\(at)",
                value: value)
        }
    }

    // MARK: combining

    private func combine(_ outcomes: [Outcome], needAll: Bool) -> Outcome {
        let applicable = outcomes.filter(\.applicable)
        guard !applicable.isEmpty else { return .notApplicable(outcomes.map(\.justification.droppingNAPrefix).joined(separator: "; ")) }
        let deciding = applicable.filter { $0.passed != needAll }
        if needAll ? deciding.isEmpty : !deciding.isEmpty {
            // all: every part passed; any: the first part that passed explains the pass.
            let shown = needAll ? applicable : [deciding[0]]
            return Outcome(passed: true, evidence: shown.flatMap(\.evidence), justification: shown.map(\.justification).joined(separator: "; "))
        }
        let shown = needAll ? [deciding[0]] : applicable
        return Outcome(passed: false, evidence: shown.flatMap(\.evidence), justification: shown.map(\.justification).joined(separator: "; "))
    }

    // MARK: windows and wording

    func resolve(_ window: Window) -> ClosedRange<Double> {
        let duration = context.duration
        switch window {
        case .span(let start, let end): return start...max(start, end ?? duration)
        case .last(let seconds): return max(0, duration - seconds)...duration
        case .lastTurns(let count):
            let turns = context.turns
            return (turns.count >= count ? turns[turns.count - count].start : 0)...duration
        case .firstTurns(let count):
            let turns = context.turns
            return 0...(turns.isEmpty ? 0 : turns[min(count, turns.count) - 1].end)
        case .stage(let name): return resolve(stages[name] ?? .span(start: 0, end: nil))
        }
    }

    /// The stretch a condition examined, with the party's words in it (the first 25).
    private func searched(_ range: ClosedRange<Double>, by speaker: Speaker?) -> Evidence {
        let words = context.words.filter { range.contains($0.start) && (speaker == nil || $0.role == speaker) }
        let text = words.prefix(25).map(\.text).joined(separator: " ") + (words.count > 25 ? " …" : "")
        return Evidence(start: range.lowerBound, end: min(range.upperBound, context.duration), speaker: speaker, text: text)
    }

    private func describe(_ window: Window) -> String {
        switch window {
        case .span(0, nil): "in the call"
        case .span(0, let end?): "in the first \(ClockTime.duration(end))"
        case .span(let start, nil): "after \(ClockTime.format(start))"
        case .span(let start, let end?): "between \(ClockTime.format(start)) and \(ClockTime.format(end))"
        case .last(let seconds): "in the last \(ClockTime.duration(seconds))"
        case .lastTurns(let count): count == 1 ? "in the last turn" : "in the last \(count) turns"
        case .firstTurns(let count): count == 1 ? "in the first turn" : "in the first \(count) turns"
        case .stage(let name):
            if let stage = stages[name], stage != .stage(name) { describe(stage) } else { "in the \(name)" }
        }
    }

    private func what(_ condition: PhraseCondition) -> String {
        if let label = condition.label { return label }
        let quoted = (condition.phrases + condition.patterns + condition.exactPatterns).map { "'\($0)'" }
        return quoted.count <= 3 ? quoted.joined(separator: " or ") : quoted.prefix(3).joined(separator: ", ") + " or similar"
    }

    private func by(_ speaker: Speaker?) -> String { speaker.map { " by the \($0.rawValue)" } ?? "" }

    private func quote(_ match: PhraseMatch) -> String { "'\(match.text)' at \(ClockTime.format(match.start))" }

    private func list(_ matches: [PhraseMatch]) -> String {
        let shown = matches.prefix(3).map(quote).joined(separator: ", ")
        return matches.count > 3 ? "\(shown) and \(matches.count - 3) more" : shown
    }

    static func name(of speaker: Speaker?) -> String {
        switch speaker {
        case .agent: "Agent"
        case .customer: "Customer"
        case .mixed: "Speaker"
        case nil: "Someone"
        }
    }

    /// A figure with at most two decimals, whole numbers without any.
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() && abs(rounded) < 1e9 ? String(Int(rounded)) : String(rounded)
    }
}

extension String {
    fileprivate var droppingNAPrefix: String { hasPrefix("N/A: ") ? String(dropFirst(5)) : self }
}
