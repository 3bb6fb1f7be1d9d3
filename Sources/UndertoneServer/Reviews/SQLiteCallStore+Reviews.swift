import Foundation
import GRDB

extension SQLiteCallStore: ReviewStore {
    public func addReview(_ review: Review) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO reviews (\(ReviewSchema.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    review.callID, review.targetType.rawValue, review.target, review.category, review.original?.rawValue,
                    review.verdict.rawValue, review.comment, review.reviewer, review.createdAt.timeIntervalSince1970,
                ]
            )
        }
    }

    public func reviews(callID: String) async throws -> [Review] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(ReviewSchema.columns) FROM reviews WHERE call_id = ? ORDER BY seq", arguments: [callID])
                .map(Self.review)
        }
    }

    public func latestReviews() async throws -> [Review] {
        try await pool.read { db in try Row.fetchAll(db, sql: ReviewSchema.latest).map(Self.review) }
    }

    private static func review(_ row: Row) throws -> Review {
        try ReviewSchema.review(
            callID: row["call_id"], targetType: row["target_type"], target: row["target"], category: row["category"],
            original: row["original"], verdict: row["verdict"], comment: row["comment"], reviewer: row["reviewer"],
            createdAt: row["created_at"]
        )
    }
}
