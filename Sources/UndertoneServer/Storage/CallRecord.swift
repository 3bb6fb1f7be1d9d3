public import Foundation

/// Where a call is in its life. Uploaded calls go `queued → running → done | failed`; a live tap (a later issue)
/// is `live` while it streams and then takes the same path, so both kinds share one table and one listing.
public enum CallStatus: String, Sendable, Codable, CaseIterable {
    case queued, running, done, failed, live
}

/// How a call reached the server.
public enum CallKind: String, Sendable, Codable, CaseIterable {
    case upload, live
}

/// A file stored under `--data`, content-addressed by its SHA-256.
public struct StoredFile: Sendable, Codable, Equatable {
    /// The file name the client gave (the report's `call.source`).
    public var name: String
    /// Lower-case hex SHA-256 of the bytes; also the file's address in the blob store.
    public var sha256: String
    public var bytes: Int

    public init(name: String, sha256: String, bytes: Int) {
        self.name = name
        self.sha256 = sha256
        self.bytes = bytes
    }
}

/// The dashboard fields of a finished call, kept in columns so listings can filter on them without the report.
public struct CallSummary: Sendable, Codable, Equatable {
    public var durationSeconds: Double
    /// The agent's share of talk time (0…1); nil for a mono call.
    public var agentTalkRatio: Double?
    public var deadAirSeconds: Double
    public var holdSeconds: Double
    /// The opening audit's score (0…100); nil without a transcript.
    public var openingScore: Double?
    /// Moments per kind (`deadAir`, `longHold`, …); kinds with none are absent.
    public var momentCounts: [String: Int]

    public init(
        durationSeconds: Double, agentTalkRatio: Double?, deadAirSeconds: Double, holdSeconds: Double,
        openingScore: Double?, momentCounts: [String: Int]
    ) {
        self.durationSeconds = durationSeconds
        self.agentTalkRatio = agentTalkRatio
        self.deadAirSeconds = deadAirSeconds
        self.holdSeconds = holdSeconds
        self.openingScore = openingScore
        self.momentCounts = momentCounts
    }
}

/// A call about to be stored: its files are already durable in the blob store.
public struct NewCall: Sendable, Equatable {
    public var id: String
    public var kind: CallKind
    /// `Idempotency-Key` header or `metadata.externalId`; a second upload with the same key returns the first call.
    public var idempotencyKey: String?
    public var audio: StoredFile
    public var transcript: StoredFile?
    /// The metadata JSON object as uploaded.
    public var metadataJSON: String?
    /// `metadata.agentName`, for `?agent=`.
    public var agent: String?
    public var createdAt: Date

    public init(
        id: String = UUID().uuidString.lowercased(), kind: CallKind = .upload, idempotencyKey: String? = nil,
        audio: StoredFile, transcript: StoredFile? = nil, metadataJSON: String? = nil, agent: String? = nil,
        createdAt: Date = Date()
    ) {
        self.id = id
        self.kind = kind
        self.idempotencyKey = idempotencyKey
        self.audio = audio
        self.transcript = transcript
        self.metadataJSON = metadataJSON
        self.agent = agent
        self.createdAt = createdAt
    }
}

/// A stored call, without its report (fetched separately: it can be megabytes).
public struct CallRecord: Sendable, Equatable {
    public var id: String
    public var kind: CallKind
    public var status: CallStatus
    public var idempotencyKey: String?
    public var audio: StoredFile
    public var transcript: StoredFile?
    public var metadataJSON: String?
    public var agent: String?
    public var createdAt: Date
    /// When the latest attempt started.
    public var startedAt: Date?
    public var finishedAt: Date?
    /// Analysis attempts started so far.
    public var attempts: Int
    /// Why the call failed, one line.
    public var error: String?
    /// Set once the call is done.
    public var summary: CallSummary?
}

/// A queued call handed to one worker until `leaseExpiresAt`; the worker must heartbeat before then or lose it.
public struct ClaimedJob: Sendable, Equatable {
    public var call: CallRecord
    public var owner: String
    public var leaseExpiresAt: Date
}

/// One alert raised during a call (live taps store theirs; the JSON is the `live` line's).
public struct StoredAlert: Sendable, Equatable {
    public var audioTime: Double
    public var kind: String
    public var json: String

    public init(audioTime: Double, kind: String, json: String) {
        self.audioTime = audioTime
        self.kind = kind
        self.json = json
    }
}
