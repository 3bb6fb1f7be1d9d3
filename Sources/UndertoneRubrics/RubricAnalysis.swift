public import Foundation

/// The rubric part of a call report: the opening audit, every other template's criteria, and the moments.
public struct RubricAnalysis: Sendable {
    /// The report's `opening`.
    public var opening: OpeningAudit
    /// The report's `templates`: every template's score, the opening's first.
    public var templateScores: [TemplateScore]
    /// The report's `criteria`: every criterion of the other templates, in template order.
    public var criteria: [CriterionResult]
    /// The report's `moments`, sorted by time.
    public var moments: [Moment]

    /// Scores the call against the opening template and `templates`, and collects the moments worth replaying.
    ///
    /// - Parameters:
    ///   - context: the call.
    ///   - opening: the opening auditor (usually ``OpeningAuditor/builtIn()``).
    ///   - templates: the other templates, e.g. ``templates(adding:)``.
    public init(_ context: RubricContext, opening: OpeningAuditor, templates: [RubricTemplate]) {
        let openingResults = RubricEvaluator.evaluate(opening.template, in: context)
        let withheld = Self.withheldReason(context)
        self.opening = opening.audit(openingResults, withheld: withheld)
        let results = templates.map { RubricEvaluator.evaluate($0, in: context) }
        criteria = results.flatMap(\.self)
        templateScores = zip([opening.template] + templates, [openingResults] + results).map { template, results in
            // Without words the transcript criteria are N/A, and a score of what is left (a dead-air check) would read
            // as the template's verdict: N/A, as the opening.
            RubricEvaluator.templateScore(template, results, withheld: withheld)
        }
        moments = MomentCollector.collect(
            from: context, criteria: openingResults + criteria, templates: [opening.template] + templates)
    }

    /// Why transcript-based scores are N/A for this call: no transcript, or one withheld; nil when it has words.
    static func withheldReason(_ context: RubricContext) -> String? {
        guard context.words.isEmpty else { return nil }
        return context.transcriptWithheld ?? "the call has no transcript"
    }

    /// The shipped templates other than `opening-30s`, followed by the template files given (`AnalysisOptions.templates`).
    public static func templates(adding files: [URL] = []) throws(RubricError) -> [RubricTemplate] {
        var templates = try RubricTemplate.builtIns().filter { $0.id != "opening-30s" }
        for file in files { templates.append(try RubricTemplate.load(contentsOf: file)) }
        return templates
    }
}
