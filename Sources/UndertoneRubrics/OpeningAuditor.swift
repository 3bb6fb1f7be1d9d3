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
        audit(RubricEvaluator.evaluate(template, in: context), withheld: RubricAnalysis.withheldReason(context))
    }

    /// The audit built from already evaluated results of the opening template (to evaluate once for both the
    /// audit and the report's criteria list).
    ///
    /// - Parameter reason: when given, the score is N/A for this reason (no transcript, a transcript that does not
    ///   belong to the audio): a missing transcript must never read as a perfect opening.
    public func audit(_ results: [CriterionResult], withheld reason: String? = nil) -> OpeningAudit {
        OpeningAudit(
            windowSeconds: template.openingSeconds,
            score: reason == nil ? RubricEvaluator.score(results) : nil, reason: reason,
            checks: results.map {
                OpeningCheck(id: $0.id, passed: $0.passed, evidence: $0.evidence, justification: $0.justification, applicable: $0.applicable)
            })
    }
}
