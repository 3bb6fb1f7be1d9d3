import Foundation
import Yams
import UndertoneAudio
import UndertoneTranscripts

/// Reads the YAML node tree of a template into a ``RubricTemplate``, rejecting anything it does not know with the
/// line of the offending node — a typo in a key must not silently disable a check.
struct TemplateParser {
    let source: String

    func parse(_ yaml: String) throws(RubricError) -> RubricTemplate {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else { throw fail(nil, "the template is empty") }
            root = node
        } catch let error as RubricError {
            throw error
        } catch let error as YamlError {
            throw yamlError(error, yaml: yaml)
        } catch {
            throw fail(nil, "cannot parse YAML (\(error))")
        }
        let top = try mapping(root, in: "the template", allowed: ["template", "name", "description", "stages", "criteria"])
        let id = try string(try required(top, "template", in: root, of: "the template"))
        var stages = RubricTemplate.defaultStages
        if let stageNode = top["stages"] {
            for (key, value) in try pairs(stageNode, in: "stages") {
                stages[try string(key)] = try window(value)
            }
        }
        let criteriaNode = try required(top, "criteria", in: root, of: "the template")
        guard let list = criteriaNode.sequence, !list.isEmpty else {
            throw fail(criteriaNode, "'criteria' must be a non-empty list of criteria")
        }
        var criteria: [RubricTemplate.Criterion] = []
        for node in list {
            let criterion = try criterion(node, stages: stages)
            if criteria.contains(where: { $0.id == criterion.id }) {
                throw fail(node, "duplicate criterion id '\(criterion.id)'")
            }
            criteria.append(criterion)
        }
        return RubricTemplate(
            id: id, name: try top["name"].map(string) ?? id, description: try top["description"].map(string),
            criteria: criteria, stages: stages)
    }

    // MARK: criteria

    private func criterion(_ node: Node, stages: [String: Window]) throws(RubricError) -> RubricTemplate.Criterion {
        let keys = try mapping(
            node, in: "a criterion",
            allowed: ["id", "name", "description", "weight", "autoFail", "scoring", "scale", "applies", "check", "moment", "severity"])
        let id = try string(try required(keys, "id", in: node, of: "a criterion"))
        let weight = try keys["weight"].map(number) ?? 1
        if weight < 0 { throw fail(keys["weight"], "weight must not be negative") }
        if weight > Self.maxWeight { throw fail(keys["weight"], "weight must be at most \(Int(Self.maxWeight))") }
        let autoFail = try keys["autoFail"].map(bool) ?? false
        let check = try condition(try required(keys, "check", in: node, of: "criterion '\(id)'"), stages: stages)
        var scale: RubricTemplate.Scale?
        switch try keys["scoring"].map(string) ?? "passFail" {
        case "passFail":
            if let extra = keys["scale"] { throw fail(extra, "'scale' needs 'scoring: scaled'") }
        case "scaled":
            guard let scaleNode = keys["scale"] else { throw fail(node, "'scoring: scaled' needs 'scale: {best: …, worst: …}'") }
            let bounds = try mapping(scaleNode, in: "scale", allowed: ["best", "worst"])
            scale = .init(
                best: try bounded(try required(bounds, "best", in: scaleNode, of: "scale")),
                worst: try bounded(try required(bounds, "worst", in: scaleNode, of: "scale")))
            guard check.measuresOneNumber else {
                throw fail(keys["check"], "scaled scoring needs a single said, notSaid, firstWord or metric check")
            }
        case let other:
            throw fail(keys["scoring"], "scoring must be passFail or scaled, not '\(other)'")
        }
        let momentKind = try keys["moment"].map { node throws(RubricError) in
            try enumValue(node, Moment.Kind.self, what: "moment")
        } ?? .failedCriterion
        let severity = try keys["severity"].map { node throws(RubricError) in
            try enumValue(node, Moment.Severity.self, what: "severity")
        } ?? (autoFail ? .high : .medium)
        return .init(
            id: id, name: try keys["name"].map(string) ?? id, weight: weight, autoFail: autoFail, momentKind: momentKind,
            severity: severity, line: line(node) ?? 0,
            applies: try keys["applies"].map { node throws(RubricError) in try condition(node, stages: stages) },
            check: check, scale: scale)
    }

    // MARK: conditions

    private static let conditionKinds = ["said", "notSaid", "order", "firstWord", "metric", "metadata", "all", "any", "not", "if"]

    private func condition(_ node: Node, stages: [String: Window]) throws(RubricError) -> Condition {
        guard let map = node.mapping else {
            throw fail(node, "a condition must be a mapping with one of: \(Self.conditionKinds.joined(separator: ", "))")
        }
        if map["if"] != nil {
            let keys = try mapping(node, in: "an if condition", allowed: ["if", "then", "else"])
            return .choose(
                if: try condition(keys["if"]!, stages: stages),
                then: try condition(try required(keys, "then", in: node, of: "an if condition"), stages: stages),
                else: try keys["else"].map { node throws(RubricError) in try condition(node, stages: stages) })
        }
        guard map.count == 1, let (keyNode, value) = map.first.map({ ($0.key, $0.value) }) else {
            throw fail(node, "a condition has exactly one kind (\(Self.conditionKinds.joined(separator: ", "))), found \(map.count) keys")
        }
        switch try string(keyNode) {
        case "said": return .said(try phrases(value, stages: stages, kind: "said"))
        case "notSaid": return .notSaid(try phrases(value, stages: stages, kind: "notSaid"))
        case "order":
            let keys = try mapping(value, in: "order", allowed: ["first", "then"])
            return .order(
                first: try phrases(try required(keys, "first", in: value, of: "order"), stages: stages, kind: "order.first"),
                then: try phrases(try required(keys, "then", in: value, of: "order"), stages: stages, kind: "order.then"))
        case "firstWord":
            let keys = try mapping(value, in: "firstWord", allowed: ["by", "within", "from"])
            let by = try speaker(try required(keys, "by", in: value, of: "firstWord"))
            guard let by else { throw fail(keys["by"], "firstWord needs 'by: agent' or 'by: customer'") }
            let from = try keys["from"].map { node throws(RubricError) in
                try enumValue(node, FirstWordCondition.Reference.self, what: "from")
            } ?? .callStart
            return .firstWord(.init(speaker: by, within: try seconds(try required(keys, "within", in: value, of: "firstWord")), from: from))
        case "metric": return .metric(try metric(value, stages: stages))
        case "metadata": return .metadata(try string(value))
        case "all", "any":
            guard let items = value.sequence, !items.isEmpty else { throw fail(value, "'\(try string(keyNode))' needs a non-empty list of conditions") }
            var conditions: [Condition] = []
            for item in items { conditions.append(try condition(item, stages: stages)) }
            return try string(keyNode) == "all" ? .all(conditions) : .any(conditions)
        case "not": return .not(try condition(value, stages: stages))
        case let other:
            throw fail(keyNode, "unknown condition '\(other)' (expected one of: \(Self.conditionKinds.joined(separator: ", ")))")
        }
    }

    private func phrases(_ node: Node, stages: [String: Window], kind: String) throws(RubricError) -> PhraseCondition {
        let keys = try mapping(
            node, in: kind, allowed: ["phrases", "patterns", "exactPatterns", "label", "by", "within", "stage", "atLeast", "atMost"])
        let phrases = try keys["phrases"].map(strings) ?? []
        let patterns = try keys["patterns"].map(strings) ?? []
        let exactPatterns = try keys["exactPatterns"].map(strings) ?? []
        if phrases.isEmpty && patterns.isEmpty && exactPatterns.isEmpty {
            throw fail(node, "'\(kind)' needs at least one of phrases, patterns, exactPatterns")
        }
        for key in ["patterns", "exactPatterns"] {
            guard let list = keys[key] else { continue }
            for item in list.sequence ?? [list] { try validateRegex(item) }
        }
        let atLeast = try keys["atLeast"].map(integer)
        let atMost = try keys["atMost"].map(integer)
        if let atLeast, let atMost, atLeast > atMost { throw fail(keys["atLeast"], "atLeast \(atLeast) is more than atMost \(atMost)") }
        if kind == "notSaid", let extra = keys["atLeast"] ?? keys["atMost"] {
            throw fail(extra, "notSaid takes no counts; use said with atMost")
        }
        return .init(
            phrases: phrases, patterns: patterns, exactPatterns: exactPatterns, label: try keys["label"].map(string),
            speaker: try keys["by"].map(speaker) ?? nil, window: try window(of: keys, in: node, stages: stages),
            atLeast: atLeast ?? (atMost == nil ? 1 : 0), atMost: atMost)
    }

    private func metric(_ node: Node, stages: [String: Window]) throws(RubricError) -> MetricCondition {
        let keys = try mapping(node, in: "metric", allowed: ["name", "by", "within", "stage", "atLeast", "atMost"])
        let metric = try enumValue(try required(keys, "name", in: node, of: "metric"), Metric.self, what: "metric name")
        let atLeast = try keys["atLeast"].map(bounded)
        let atMost = try keys["atMost"].map(bounded)
        if atLeast == nil && atMost == nil { throw fail(node, "metric '\(metric.rawValue)' needs atLeast, atMost or both") }
        // Only a change in sentiment can be below zero; a negative count, time, ratio or loudness is a typo.
        if metric != .sentimentChange, min(atLeast ?? 0, atMost ?? 0) < 0 {
            throw fail(node, "metric '\(metric.rawValue)' is never negative, so its bounds must not be")
        }
        return .init(
            metric: metric, speaker: try keys["by"].map(speaker) ?? nil, window: try window(of: keys, in: node, stages: stages),
            atLeast: atLeast, atMost: atMost)
    }

    private func window(of keys: [String: Node], in node: Node, stages: [String: Window]) throws(RubricError) -> Window {
        switch (keys["within"], keys["stage"]) {
        case (let within?, nil): return try window(within)
        case (nil, let stage?):
            let name = try string(stage)
            guard stages[name] != nil else {
                throw fail(stage, "unknown stage '\(name)' (known: \(stages.keys.sorted().joined(separator: ", ")))")
            }
            return .stage(name)
        case (nil, nil): return .stage("whole")
        case (_, let stage?): throw fail(stage, "use either 'within' or 'stage', not both")
        }
    }

    /// `within: 10`, `within: {start: 0, end: 30}`, `{last: 60}`, `{lastTurns: 3}`, `{firstTurns: 2}`.
    private func window(_ node: Node) throws(RubricError) -> Window {
        if node.scalar != nil {
            let end = try seconds(node)
            return .span(start: 0, end: end)
        }
        let keys = try mapping(node, in: "within", allowed: ["start", "end", "last", "lastTurns", "firstTurns"])
        if let last = keys["last"] {
            guard keys.count == 1 else { throw fail(node, "'last' stands alone in a window") }
            return .last(seconds: try seconds(last))
        }
        if let turns = keys["lastTurns"] ?? keys["firstTurns"] {
            guard keys.count == 1 else { throw fail(node, "'lastTurns'/'firstTurns' stand alone in a window") }
            let count = try integer(turns)
            if count < 1 { throw fail(turns, "a turn count must be at least 1") }
            return keys["lastTurns"] != nil ? .lastTurns(count) : .firstTurns(count)
        }
        let start = try keys["start"].map(seconds) ?? 0
        let end = try keys["end"].map(seconds)
        if let end, end <= start { throw fail(node, "window end \(end) is not after start \(start)") }
        return .span(start: start, end: end)
    }

    // MARK: scalars and structure

    private func mapping(_ node: Node, in context: String, allowed: Set<String>) throws(RubricError) -> [String: Node] {
        var result: [String: Node] = [:]
        for (key, value) in try pairs(node, in: context) {
            let name = try string(key)
            guard allowed.contains(name) else {
                throw fail(key, "unknown key '\(name)' in \(context) (expected one of: \(allowed.sorted().joined(separator: ", ")))")
            }
            result[name] = value
        }
        return result
    }

    private func pairs(_ node: Node, in context: String) throws(RubricError) -> [(Node, Node)] {
        guard let map = node.mapping else { throw fail(node, "\(context) must be a mapping of key: value") }
        return map.map { ($0.key, $0.value) }
    }

    private func required(_ keys: [String: Node], _ key: String, in node: Node, of context: String) throws(RubricError) -> Node {
        guard let value = keys[key] else { throw fail(node, "missing '\(key)' in \(context)") }
        return value
    }

    private func string(_ node: Node) throws(RubricError) -> String {
        guard let scalar = node.scalar else { throw fail(node, "expected text, found a \(node.mapping != nil ? "mapping" : "list")") }
        return scalar.string
    }

    private func strings(_ node: Node) throws(RubricError) -> [String] {
        if node.scalar != nil { return [try string(node)] }
        guard let items = node.sequence else { throw fail(node, "expected a list of texts") }
        var result: [String] = []
        for item in items { result.append(try string(item)) }
        return result
    }

    private func number(_ node: Node) throws(RubricError) -> Double {
        guard let text = node.scalar?.string, let value = Double(text), value.isFinite else {
            throw fail(node, "expected a number, found '\(node.scalar?.string ?? "a \(node.mapping != nil ? "mapping" : "list")")'")
        }
        return value
    }

    /// Weights above this would let one criterion swamp the rest beyond any use (and overflow sums).
    static let maxWeight = 1000.0
    /// Longest time a window or a `within` may name, seconds: a day.
    static let maxSeconds = 86_400.0
    /// Largest magnitude of a metric threshold or a scale bound.
    static let maxMagnitude = 1e6

    /// A time in seconds: 0 to a day.
    private func seconds(_ node: Node) throws(RubricError) -> Double {
        let value = try number(node)
        guard (0...Self.maxSeconds).contains(value) else {
            throw fail(node, "a time must be between 0 and \(Int(Self.maxSeconds)) seconds, found \(value)")
        }
        return value
    }

    /// A metric threshold or scale bound: finite and within ±10⁶.
    private func bounded(_ node: Node) throws(RubricError) -> Double {
        let value = try number(node)
        guard abs(value) <= Self.maxMagnitude else {
            throw fail(node, "a threshold must be within ±\(Int(Self.maxMagnitude)), found \(value)")
        }
        return value
    }

    private func integer(_ node: Node) throws(RubricError) -> Int {
        guard let text = node.scalar?.string, let value = Int(text), value >= 0, value <= 1_000_000 else {
            throw fail(node, "expected a whole number ≥ 0, found '\(node.scalar?.string ?? "a \(node.mapping != nil ? "mapping" : "list")")'")
        }
        return value
    }

    private func bool(_ node: Node) throws(RubricError) -> Bool {
        switch node.scalar?.string.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw fail(node, "expected true or false, found '\(node.scalar?.string ?? "a mapping or list")'")
        }
    }

    /// `by:` — agent, customer, or anyone (nil).
    private func speaker(_ node: Node) throws(RubricError) -> Speaker? {
        let text = try string(node)
        if text == "anyone" { return nil }
        guard let speaker = Speaker(rawValue: text), speaker != .mixed else {
            throw fail(node, "'by' must be agent, customer or anyone, not '\(text)'")
        }
        return speaker
    }

    private func enumValue<Value: RawRepresentable & CaseIterable>(_ node: Node, _ type: Value.Type, what: String) throws(RubricError) -> Value
    where Value.RawValue == String {
        let text = try string(node)
        guard let value = Value(rawValue: text) else {
            throw fail(node, "unknown \(what) '\(text)' (expected one of: \(Value.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return value
    }

    private func validateRegex(_ node: Node) throws(RubricError) {
        let pattern = try string(node)
        // Placeholders are filled from metadata per call; any plain word stands in for them here.
        let sample = Placeholders.fill(pattern, with: CallMetadata(agentName: "x", customerName: "x", company: "x"), escape: { $0 }) ?? pattern
        do throws(BoundedPattern.Failure) {
            try BoundedPattern(sample).probe()
        } catch {
            throw fail(node, error.reason)
        }
    }

    // MARK: errors

    private func line(_ node: Node?) -> Int? { node?.mark?.line }

    private func fail(_ node: Node?, _ reason: String) -> RubricError {
        RubricError(file: source, line: line(node), reason: reason)
    }

    private func yamlError(_ error: YamlError, yaml: String) -> RubricError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return RubricError(file: source, line: mark.line, reason: "YAML syntax: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return RubricError(file: source, line: context.mark.line, reason: "duplicate key \(duplicates.joined(separator: ", "))")
        case .reader(let problem, let offset, _, _):
            let line = offset.map { offset in yaml.utf8.prefix(offset).reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) } }
            return RubricError(file: source, line: line, reason: "cannot read YAML: \(problem)")
        default:
            return RubricError(file: source, line: nil, reason: "cannot parse YAML (\(error))")
        }
    }
}

extension Condition {
    /// Whether the condition reads the words (and so cannot be judged on a call without a transcript).
    var needsTranscript: Bool {
        switch self {
        case .said, .notSaid, .order, .firstWord: true
        default: false
        }
    }

    /// Whether the condition asks who said something (and so cannot be judged without agent/customer roles).
    var namesAParty: Bool {
        switch self {
        case .said(let phrases), .notSaid(let phrases): phrases.speaker != nil
        case .order(let first, let then): first.speaker != nil || then.speaker != nil
        case .firstWord: true
        default: false
        }
    }

    /// Whether the check yields one number that scaled scoring can grade.
    var measuresOneNumber: Bool {
        switch self {
        case .said, .notSaid, .firstWord, .metric: true
        default: false
        }
    }
}

