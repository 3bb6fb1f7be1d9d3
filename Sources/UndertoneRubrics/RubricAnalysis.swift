public import Foundation

/// The rubric part of a call report: the opening audit, every other template's criteria, and the moments.
public struct RubricAnalysis: Sendable {
    /// The report's `opening`.
    public var opening: OpeningAudit
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
        self.opening = opening.audit(openingResults)
        criteria = templates.flatMap { RubricEvaluator.evaluate($0, in: context) }
        moments = MomentCollector.collect(
            from: context, criteria: openingResults + criteria, templates: [opening.template] + templates)
    }

    /// The shipped templates other than `opening-30s`, followed by the template files given (`AnalysisOptions.templates`).
    public static func templates(adding files: [URL] = []) throws(RubricError) -> [RubricTemplate] {
        var templates = try RubricTemplate.builtIns().filter { $0.id != "opening-30s" }
        for file in files { templates.append(try RubricTemplate.load(contentsOf: file)) }
        return templates
    }
}
