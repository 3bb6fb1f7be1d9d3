public import Foundation

/// One QA reviewer's verdict on one flag of a call: a moment ("confirmed" or "false alarm") or a criterion or
/// opening check (an override to pass, fail or N/A, with a reason). Reviews are kept as history; the latest per
/// call and target is the one that counts.
public struct Review: Sendable, Equatable {
    /// What was reviewed.
    public enum TargetType: String, Sendable, Codable, CaseIterable {
        case moment, criterion
    }

    /// A moment verdict, or a criterion's result as QA sees it.
    public enum Verdict: String, Sendable, Codable, CaseIterable {
        case confirmed, falseAlarm, pass, fail, na
    }

    public var callID: String
    public var targetType: TargetType
    /// The moment (`KIND@START`, start in seconds with two decimals) or the criterion (`TEMPLATE/ID`, and
    /// `opening/ID` for an opening check).
    public var target: String
    /// What the summary groups by: the moment's kind, or the criterion (`TEMPLATE/ID`).
    public var category: String
    /// The analysis' own result of a criterion (`pass`, `fail`, `na`); nil for moments.
    public var original: Verdict?
    public var verdict: Verdict
    /// Optional for moments; the required reason of a criterion override.
    public var comment: String?
    /// The name of the reviewer's API key.
    public var reviewer: String
    public var createdAt: Date

    public init(
        callID: String, targetType: TargetType, target: String, category: String, original: Verdict?, verdict: Verdict,
        comment: String?, reviewer: String, createdAt: Date
    ) {
        self.callID = callID
        self.targetType = targetType
        self.target = target
        self.category = category
        self.original = original
        self.verdict = verdict
        self.comment = comment
        self.reviewer = reviewer
        self.createdAt = createdAt
    }

    /// Whether QA agreed with the analysis: a confirmed moment, or a criterion left at its own result.
    public var agrees: Bool {
        switch targetType {
        case .moment: verdict == .confirmed
        case .criterion: verdict == original
        }
    }
}

/// Storage of reviews, implemented by both call stores (the `reviews` table of their `reviews-v1` migration).
public protocol ReviewStore: Sendable {
    func addReview(_ review: Review) async throws
    /// Every review of the call, oldest first.
    func reviews(callID: String) async throws -> [Review]
    /// The latest review of every (call, target), for the summary.
    func latestReviews() async throws -> [Review]
}

extension [Review] {
    /// The latest review of each target, in first-reviewed order.
    var latestPerTarget: [Review] {
        var latest: [String: Review] = [:]
        var order: [String] = []
        for review in self {
            if latest[review.target] == nil { order.append(review.target) }
            latest[review.target] = review
        }
        return order.compactMap { latest[$0] }
    }
}

/// The `reviews` table, in SQL both backends accept.
enum ReviewSchema {
    static func version1(_ dialect: CallSchema.Dialect) -> [String] { [
        """
        CREATE TABLE reviews (
            seq \(dialect.serialKey),
            call_id TEXT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
            target_type TEXT NOT NULL,
            target TEXT NOT NULL,
            category TEXT NOT NULL,
            original TEXT,
            verdict TEXT NOT NULL,
            comment TEXT,
            reviewer TEXT NOT NULL,
            created_at DOUBLE PRECISION NOT NULL
        )
        """,
        "CREATE INDEX reviews_call ON reviews (call_id, target, seq)",
    ] }

    static let columns = "call_id, target_type, target, category, original, verdict, comment, reviewer, created_at"
    /// The latest row per (call, target).
    static let latest = """
        SELECT \(columns) FROM reviews r
        WHERE seq = (SELECT MAX(seq) FROM reviews l WHERE l.call_id = r.call_id AND l.target = r.target)
        ORDER BY seq
        """

    static func review(
        callID: String, targetType: String, target: String, category: String, original: String?, verdict: String,
        comment: String?, reviewer: String, createdAt: Double
    ) throws -> Review {
        guard let type = Review.TargetType(rawValue: targetType), let verdictValue = Review.Verdict(rawValue: verdict) else {
            throw CallStoreError("review of \(callID) \(target): unknown type \(targetType) or verdict \(verdict) in the database")
        }
        return Review(
            callID: callID, targetType: type, target: target, category: category,
            original: original.flatMap(Review.Verdict.init(rawValue:)), verdict: verdictValue, comment: comment,
            reviewer: reviewer, createdAt: Date(timeIntervalSince1970: createdAt)
        )
    }
}
