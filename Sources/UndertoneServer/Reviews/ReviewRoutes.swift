import Foundation
import HTTPTypes
import Hummingbird
import UndertoneAnalysis

/// `GET/POST /v1/calls/{id}/reviews` and `GET /v1/reviews/summary`, for qa and admin keys (or a replay page
/// session, with its CSRF header for the POST).
struct ReviewRoutes: Sendable {
    let store: any CallStore
    let reviews: any ReviewStore

    func register(on router: Router<ServerContext>) {
        router.group("v1/calls").add(middleware: RoleMiddleware(required: .qa, store: store))
            .get(":id/reviews") { _, context in
                let id = try await doneCallID(context)
                return try Response.json(encoding: ReviewListJSON(reviews: try await reviews.reviews(callID: id).map(ReviewJSON.init)))
            }
            .post(":id/reviews") { request, context in
                let posted = try await request.decode(as: ReviewPost.self, context: context)
                let review = try await add(context, target: posted.target, verdict: posted.verdict, comment: posted.comment)
                return try Response.json(encoding: ReviewJSON(review), status: .created)
            }
        router.group("v1/reviews").add(middleware: RoleMiddleware(required: .qa, store: store))
            .get("summary") { _, _ in try Response.json(encoding: ReviewSummaryJSON(try await reviews.latestReviews())) }
    }

    /// Stores a review by the context's key, checked against the call's report.
    func add(_ context: ServerContext, target: String, verdict: String, comment: String?) async throws -> Review {
        let id = try await doneCallID(context)
        guard let data = try await store.report(id: id), let key = context.key else { throw APIError.noSuchCall }
        let report = try JSONDecoder().decode(CallReport.self, from: data)
        let review = try ReviewTargets(report).review(
            callID: id, target: target, verdict: verdict, comment: comment, reviewer: key.name, now: Date()
        )
        try await reviews.addReview(review)
        return review
    }

    /// The id of a stored call; the same 404 for a missing id whatever its form.
    private func doneCallID(_ context: ServerContext) async throws -> String {
        guard let id = context.parameters.get("id"), !id.isEmpty, id.count <= 100, try await store.call(id: id) != nil else {
            throw APIError.noSuchCall
        }
        return id
    }

}

struct ReviewPost: Decodable {
    var target: String
    var verdict: String
    var comment: String?
}

struct ReviewJSON: Encodable {
    var target: String
    var targetType: String
    var category: String
    var original: String?
    var verdict: String
    var comment: String?
    var reviewer: String
    var createdAt: Date

    init(_ review: Review) {
        target = review.target
        targetType = review.targetType.rawValue
        category = review.category
        original = review.original?.rawValue
        verdict = review.verdict.rawValue
        comment = review.comment
        reviewer = review.reviewer
        createdAt = review.createdAt
    }
}

struct ReviewListJSON: Encodable {
    var reviews: [ReviewJSON]
}

/// Per moment kind and per criterion: how often QA's latest review agreed with the flag, and the share that did.
struct ReviewSummaryJSON: Encodable {
    struct Counts: Encodable {
        var confirmed = 0
        var rejected = 0
        /// confirmed / (confirmed + rejected): the measured precision of the flag.
        var precision: Double?
    }

    var moments: [String: Counts] = [:]
    var criteria: [String: Counts] = [:]

    init(_ latest: [Review]) {
        for review in latest {
            var counts = (review.targetType == .moment ? moments : criteria)[review.category] ?? Counts()
            if review.agrees { counts.confirmed += 1 } else { counts.rejected += 1 }
            counts.precision = Double(counts.confirmed) / Double(counts.confirmed + counts.rejected)
            if review.targetType == .moment { moments[review.category] = counts } else { criteria[review.category] = counts }
        }
    }
}
