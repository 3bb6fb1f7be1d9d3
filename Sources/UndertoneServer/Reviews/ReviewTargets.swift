import Foundation
import UndertoneAnalysis

/// The flags of one report that QA can review, by their target keys: every moment, every criterion and every
/// opening check. A posted review must name one of them, so the summary only counts flags the analysis raised.
struct ReviewTargets {
    struct Target {
        var type: Review.TargetType
        var category: String
        var original: Review.Verdict?
    }

    private(set) var targets: [String: Target] = [:]

    init(_ report: CallReport) {
        for moment in report.moments {
            targets[Self.momentKey(moment)] = Target(type: .moment, category: moment.kind.rawValue, original: nil)
        }
        for criterion in report.criteria {
            let key = Self.criterionKey(template: criterion.template, id: criterion.id)
            targets[key] = Target(type: .criterion, category: key, original: Self.result(passed: criterion.passed, applicable: criterion.applicable))
        }
        for check in report.opening?.checks ?? [] {
            let key = Self.criterionKey(template: "opening", id: check.id)
            targets[key] = Target(type: .criterion, category: key, original: Self.result(passed: check.passed, applicable: check.applicable))
        }
    }

    static func momentKey(_ moment: Moment) -> String {
        "\(moment.kind.rawValue)@\(String(format: "%.2f", moment.start))"
    }

    static func criterionKey(template: String, id: String) -> String { "\(template)/\(id)" }

    static func result(passed: Bool?, applicable: Bool) -> Review.Verdict {
        guard applicable, let passed else { return .na }
        return passed ? .pass : .fail
    }

    /// A review of `target` checked against the report: moments take confirmed or falseAlarm, criteria pass, fail
    /// or na with a reason.
    func review(callID: String, target: String, verdict: String, comment: String?, reviewer: String, now: Date) throws(APIError) -> Review {
        guard let found = targets[target] else {
            throw APIError(field: "target", reason: "not a moment (KIND@START) or criterion (TEMPLATE/ID) of this call's report")
        }
        let comment = comment?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        guard (comment?.count ?? 0) <= 2000 else { throw APIError(field: "comment", reason: "at most 2000 characters") }
        let allowed: [Review.Verdict] = found.type == .moment ? [.confirmed, .falseAlarm] : [.pass, .fail, .na]
        guard let value = Review.Verdict(rawValue: verdict), allowed.contains(value) else {
            throw APIError(field: "verdict", reason: "must be one of \(allowed.map(\.rawValue).joined(separator: ", ")) for a \(found.type.rawValue)")
        }
        if found.type == .criterion, comment == nil {
            throw APIError(field: "comment", reason: "an override needs a reason")
        }
        return Review(
            callID: callID, targetType: found.type, target: target, category: found.category, original: found.original,
            verdict: value, comment: comment, reviewer: reviewer, createdAt: now
        )
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
