/// Audits the opening of a call against the `opening-30s` template (or a replacement with the same check ids).
public struct OpeningAuditor: Sendable {
    /// The template whose criteria become the audit's checks.
    public var template: RubricTemplate

    public init(template: RubricTemplate) {
        self.template = template
    }

    /// The auditor with the shipped `opening-30s` template.
    public static func builtIn() throws(RubricError) -> OpeningAuditor {
        OpeningAuditor(template: try RubricTemplate.builtIn("opening-30s"))
    }

    /// One check per criterion, and the weighted score 0…100 of the applicable checks.
    public func audit(_ context: RubricContext) -> OpeningAudit {
        audit(RubricEvaluator.evaluate(template, in: context))
    }

    /// The audit built from already evaluated results of the opening template (to evaluate once for both the
    /// audit and the report's criteria list).
    public func audit(_ results: [CriterionResult]) -> OpeningAudit {
        OpeningAudit(
            windowSeconds: template.openingSeconds,
            score: RubricEvaluator.score(results) ?? 0,
            checks: results.map {
                OpeningCheck(id: $0.id, passed: $0.passed, evidence: $0.evidence, justification: $0.justification, applicable: $0.applicable)
            })
    }
}
