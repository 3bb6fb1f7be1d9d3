public import Foundation

/// The filters of `GET /v1/calls`; every field nil means "any". Newest calls first.
public struct CallQuery: Sendable, Equatable {
    public var agent: String?
    /// Calls received at or after this instant.
    public var from: Date?
    /// Calls received before this instant.
    public var to: Date?
    public var status: CallStatus?
    public var minOpeningScore: Double?
    /// Only calls with at least one moment of this kind.
    public var moment: String?
    public var limit: Int
    /// Where the previous page ended (`CallPage.nextCursor`).
    public var cursor: CallCursor?

    public init(
        agent: String? = nil, from: Date? = nil, to: Date? = nil, status: CallStatus? = nil,
        minOpeningScore: Double? = nil, moment: String? = nil, limit: Int = 50, cursor: CallCursor? = nil
    ) {
        self.agent = agent
        self.from = from
        self.to = to
        self.status = status
        self.minOpeningScore = minOpeningScore
        self.moment = moment
        self.limit = limit
        self.cursor = cursor
    }
}

/// A position in the newest-first order: the last call of a page. Opaque to clients (`createdAt~id`).
public struct CallCursor: Sendable, Equatable {
    public var createdAt: Double
    public var id: String

    public init(createdAt: Double, id: String) {
        self.createdAt = createdAt
        self.id = id
    }

    public init?(text: String) {
        let parts = text.split(separator: "~", maxSplits: 1)
        guard parts.count == 2, let createdAt = Double(parts[0]), !parts[1].isEmpty else { return nil }
        self.init(createdAt: createdAt, id: String(parts[1]))
    }

    public var text: String { "\(createdAt)~\(id)" }
}

/// One page of a listing.
public struct CallPage: Sendable, Equatable {
    public var calls: [CallRecord]
    /// nil on the last page.
    public var nextCursor: CallCursor?
}
