public import UndertoneAudio
public import UndertoneTranscripts

/// One check of the opening audit.
public struct OpeningCheck: Sendable, Codable, Equatable {
    public var id: String
    public var passed: Bool
    public var evidence: [Evidence]
    public var justification: String
    /// False when the check did not apply to this call (N/A); it is then left out of the score.
    public var applicable: Bool

    public init(id: String, passed: Bool, evidence: [Evidence], justification: String, applicable: Bool = true) {
        self.id = id
        self.passed = passed
        self.evidence = evidence
        self.justification = justification
        self.applicable = applicable
    }

    /// Reads reports written before `applicable` was added as applicable.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        passed = try container.decode(Bool.self, forKey: .passed)
        evidence = try container.decode([Evidence].self, forKey: .evidence)
        justification = try container.decode(String.self, forKey: .justification)
        applicable = try container.decodeIfPresent(Bool.self, forKey: .applicable) ?? true
    }
}

/// The audit of the call's opening window.
public struct OpeningAudit: Sendable, Codable, Equatable {
    public var windowSeconds: Double
    /// Share of checks passed, weighted, 0…100.
    public var score: Double
    public var checks: [OpeningCheck]

    public init(windowSeconds: Double, score: Double, checks: [OpeningCheck]) {
        self.windowSeconds = windowSeconds
        self.score = score
        self.checks = checks
    }
}

/// The result of one criterion of a rubric template.
public struct CriterionResult: Sendable, Codable, Equatable {
    public var template: String
    public var id: String
    public var name: String
    /// 0…1 (1 for a pass in pass/fail scoring).
    public var score: Double
    public var passed: Bool
    public var evidence: [Evidence]
    public var justification: String
    /// False when the criterion's precondition did not hold (N/A): it then counts neither for nor against the score.
    public var applicable: Bool
    /// The criterion's relative weight in its template's score.
    public var weight: Double
    /// Whether failing this criterion fails the whole template.
    public var autoFail: Bool

    public init(
        template: String, id: String, name: String, score: Double, passed: Bool, evidence: [Evidence], justification: String,
        applicable: Bool = true, weight: Double = 1, autoFail: Bool = false
    ) {
        self.template = template
        self.id = id
        self.name = name
        self.score = score
        self.passed = passed
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
        score = try container.decode(Double.self, forKey: .score)
        passed = try container.decode(Bool.self, forKey: .passed)
        evidence = try container.decode([Evidence].self, forKey: .evidence)
        justification = try container.decode(String.self, forKey: .justification)
        applicable = try container.decodeIfPresent(Bool.self, forKey: .applicable) ?? true
        weight = try container.decodeIfPresent(Double.self, forKey: .weight) ?? 1
        autoFail = try container.decodeIfPresent(Bool.self, forKey: .autoFail) ?? false
    }
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

    public init(kind: Kind, start: Double, end: Double, speaker: Speaker?, severity: Severity, summary: String) {
        self.kind = kind
        self.start = start
        self.end = end
        self.speaker = speaker
        self.severity = severity
        self.summary = summary
    }
}
