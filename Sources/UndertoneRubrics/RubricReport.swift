public import UndertoneAudio
public import UndertoneTranscripts

/// One check of the opening audit.
public struct OpeningCheck: Sendable, Codable, Equatable {
    public var id: String
    /// Nil when the check did not apply: "not checked" is never a pass.
    public var passed: Bool?
    public var evidence: [Evidence]
    public var justification: String
    /// False when the check did not apply to this call (N/A); it is then left out of the score.
    public var applicable: Bool

    public init(id: String, passed: Bool?, evidence: [Evidence], justification: String, applicable: Bool = true) {
        self.id = id
        self.passed = applicable ? passed : nil
        self.evidence = evidence
        self.justification = justification
        self.applicable = applicable
    }

    /// Reads reports written before `applicable` was added as applicable.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        passed = try container.decodeIfPresent(Bool.self, forKey: .passed)
        evidence = try container.decode([Evidence].self, forKey: .evidence)
        justification = try container.decode(String.self, forKey: .justification)
        applicable = try container.decodeIfPresent(Bool.self, forKey: .applicable) ?? true
    }

    private enum CodingKeys: String, CodingKey { case id, passed, evidence, justification, applicable }

    /// Writes `passed` as `null` when the check did not apply, rather than leaving the key out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(passed, forKey: .passed)
        try container.encode(evidence, forKey: .evidence)
        try container.encode(justification, forKey: .justification)
        try container.encode(applicable, forKey: .applicable)
    }
}

/// The audit of the call's opening window.
public struct OpeningAudit: Sendable, Codable, Equatable {
    public var windowSeconds: Double
    /// Share of checks passed, weighted, 0…100; nil (N/A) when the call has no usable transcript or no check
    /// applied, with `reason` saying why.
    public var score: Double?
    /// Why `score` is nil.
    public var reason: String?
    public var checks: [OpeningCheck]

    public init(windowSeconds: Double, score: Double?, reason: String? = nil, checks: [OpeningCheck]) {
        self.windowSeconds = windowSeconds
        self.score = score
        self.reason = score == nil ? reason ?? "no check applied to this call" : nil
        self.checks = checks
    }

    /// Writes `score` as `null` when it is N/A, rather than leaving the key out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(windowSeconds, forKey: .windowSeconds)
        try container.encode(score, forKey: .score)
        try container.encodeIfPresent(reason, forKey: .reason)
        try container.encode(checks, forKey: .checks)
    }
}

/// The score of one rubric template: the weighted mean of its applicable criteria, 0 when an auto-fail criterion
/// failed (docs/rubrics.md, "Scoring").
public struct TemplateScore: Sendable, Codable, Equatable {
    public var template: String
    public var name: String
    /// 0…100; nil (N/A) when no criterion applied, with `reason` saying why.
    public var score: Double?
    /// Whether an applicable auto-fail criterion failed, which scores the template 0.
    public var autoFailed: Bool
    /// Why `score` is nil.
    public var reason: String?

    public init(template: String, name: String, score: Double?, autoFailed: Bool, reason: String? = nil) {
        self.template = template
        self.name = name
        self.score = score
        self.autoFailed = autoFailed
        self.reason = score == nil ? reason ?? "no criterion applied to this call" : nil
    }

    /// Writes `score` as `null` when it is N/A, rather than leaving the key out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(template, forKey: .template)
        try container.encode(name, forKey: .name)
        try container.encode(score, forKey: .score)
        try container.encode(autoFailed, forKey: .autoFailed)
        try container.encodeIfPresent(reason, forKey: .reason)
    }
}

/// The result of one criterion of a rubric template.
public struct CriterionResult: Sendable, Codable, Equatable {
    public var template: String
    public var id: String
    public var name: String
    /// 0…1 (1 for a pass in pass/fail scoring); nil when the criterion did not apply.
    public var score: Double?
    /// Nil when the criterion did not apply: "not checked" is never a pass.
    public var passed: Bool?
    public var evidence: [Evidence]
    public var justification: String
    /// False when the criterion's precondition did not hold (N/A): it then counts neither for nor against the score.
    public var applicable: Bool
    /// The criterion's relative weight in its template's score.
    public var weight: Double
    /// Whether failing this criterion fails the whole template.
    public var autoFail: Bool

    public init(
        template: String, id: String, name: String, score: Double?, passed: Bool?, evidence: [Evidence], justification: String,
        applicable: Bool = true, weight: Double = 1, autoFail: Bool = false
    ) {
        self.template = template
        self.id = id
        self.name = name
        self.score = applicable ? score : nil
        self.passed = applicable ? passed : nil
        self.evidence = evidence
        self.justification = justification
        self.applicable = applicable
        self.weight = weight
        self.autoFail = autoFail
    }

    /// Reads reports written before `applicable`, `weight` and `autoFail` were added with their defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        template = try container.decode(String.self, forKey: .template)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        score = try container.decodeIfPresent(Double.self, forKey: .score)
        passed = try container.decodeIfPresent(Bool.self, forKey: .passed)
        evidence = try container.decode([Evidence].self, forKey: .evidence)
        justification = try container.decode(String.self, forKey: .justification)
        applicable = try container.decodeIfPresent(Bool.self, forKey: .applicable) ?? true
        weight = try container.decodeIfPresent(Double.self, forKey: .weight) ?? 1
        autoFail = try container.decodeIfPresent(Bool.self, forKey: .autoFail) ?? false
    }

    private enum CodingKeys: String, CodingKey {
        case template, id, name, score, passed, evidence, justification, applicable, weight, autoFail
    }

    /// Writes `score` and `passed` as `null` when the criterion did not apply, rather than leaving the keys out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(template, forKey: .template)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(score, forKey: .score)
        try container.encode(passed, forKey: .passed)
        try container.encode(evidence, forKey: .evidence)
        try container.encode(justification, forKey: .justification)
        try container.encode(applicable, forKey: .applicable)
        try container.encode(weight, forKey: .weight)
        try container.encode(autoFail, forKey: .autoFail)
    }

    /// Whether the criterion applied and failed.
    public var failed: Bool { applicable && passed == false }
}

/// A moment worth replaying.
public struct Moment: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case deadAir, longHold, interruption, sentimentDrop, turningPoint, backfirePhrase, failedCriterion
    }

    public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
        case low, medium, high

        private var rank: Int {
            switch self {
            case .low: 0
            case .medium: 1
            case .high: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var kind: Kind
    public var start: Double
    public var end: Double
    public var speaker: Speaker?
    public var severity: Severity
    public var summary: String
    /// The rubric criterion that raised the moment, as `template/id`; nil for moments not raised by a criterion.
    public var criterion: String?

    public init(
        kind: Kind, start: Double, end: Double, speaker: Speaker?, severity: Severity, summary: String, criterion: String? = nil
    ) {
        self.kind = kind
        self.start = start
        self.end = end
        self.speaker = speaker
        self.severity = severity
        self.summary = summary
        self.criterion = criterion
    }
}
