import Foundation
import PostgresNIO

extension PostgresCallStore: ReviewStore {
    public func addReview(_ review: Review) async throws {
        try await client.query(
            """
            INSERT INTO reviews (\(unescaped: ReviewSchema.columns))
            VALUES (\(review.callID), \(review.targetType.rawValue), \(review.target), \(review.category),
                \(review.original?.rawValue), \(review.verdict.rawValue), \(review.comment), \(review.reviewer),
                \(review.createdAt.timeIntervalSince1970))
            """,
            logger: logger
        )
    }

    public func reviews(callID: String) async throws -> [Review] {
        try await reviews("SELECT \(unescaped: ReviewSchema.columns) FROM reviews WHERE call_id = \(callID) ORDER BY seq")
    }

    public func latestReviews() async throws -> [Review] {
        try await reviews(PostgresQuery(unsafeSQL: ReviewSchema.latest))
    }

    private func reviews(_ query: PostgresQuery) async throws -> [Review] {
        var reviews: [Review] = []
        let rows = try await client.query(query, logger: logger)
        for try await (callID, type, target, category, original, verdict, comment, reviewer, createdAt)
            in rows.decode((String, String, String, String, String?, String, String?, String, Double).self) {
            reviews.append(try ReviewSchema.review(
                callID: callID, targetType: type, target: target, category: category, original: original, verdict: verdict,
                comment: comment, reviewer: reviewer, createdAt: createdAt
            ))
        }
        return reviews
    }

    /// The `reviews` table, once: migrations after version 1 are recorded by their own number and checked by it
    /// (not by the highest), so branches that add migrations independently do not skip each other's.
    func migrateReviews(_ connection: PostgresConnection) async throws {
        let rows = try await connection.query("SELECT COUNT(*) FROM undertone_migrations WHERE version = 1401", logger: logger)
        var present = 0
        for try await (count) in rows.decode(Int.self) { present = count }
        guard present == 0 else { return }
        try await connection.query("BEGIN", logger: logger)
        for statement in ReviewSchema.version1(.postgres) {
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
        }
        try await connection.query("INSERT INTO undertone_migrations (version) VALUES (1401)", logger: logger)
        try await connection.query("COMMIT", logger: logger)
    }
}
