public import Foundation

/// Durable storage of calls, their reports and alerts, the analysis queue and the API keys.
///
/// Two backends implement it: ``SQLiteCallStore`` (embedded, the default) and ``PostgresCallStore`` (fleets of
/// workers on several machines). Both pass the same conformance suite (`CallStoreConformance` in the tests).
/// Times are passed in rather than read from the clock so that leases can be tested without waiting.
///
/// The queue is at-least-once: a claimed job is leased to one owner; if the owner stops heartbeating, the lease
/// expires and another worker claims it. Completion and failure only count for the current lease owner, so a
/// worker that lost its lease cannot mark a call done a second time.
public protocol CallStore: Sendable {
    /// Creates or upgrades the schema. Safe to call from every process at start-up.
    func migrate() async throws

    /// Stores `call` as queued (or `live`), or returns the call already stored under its idempotency key.
    /// - Returns: the stored call, and whether this call created it.
    func createCall(_ call: NewCall) async throws -> (record: CallRecord, created: Bool)

    func call(id: String) async throws -> CallRecord?

    /// The report JSON of a done call; nil until then.
    func report(id: String) async throws -> Data?

    /// Leases the oldest queued call (or one whose lease expired) to `owner` until `now + lease`.
    ///
    /// A running call whose lease expired after `maxAttempts` attempts is marked failed instead of claimed again.
    func claimNextJob(owner: String, lease: TimeInterval, maxAttempts: Int, now: Date) async throws -> ClaimedJob?

    /// Extends the lease; false when `owner` no longer holds it (it expired and another worker took the call).
    func heartbeat(id: String, owner: String, lease: TimeInterval, now: Date) async throws -> Bool

    /// Marks the call done with its report; false when `owner` no longer holds the lease (nothing is changed).
    func complete(id: String, owner: String, report: Data, summary: CallSummary, now: Date) async throws -> Bool

    /// Records a failed attempt. With `retry` and fewer than `maxAttempts` attempts the call is queued again,
    /// else it is failed with `reason`. Returns the new status, or nil when `owner` no longer holds the lease.
    func fail(id: String, owner: String, reason: String, retry: Bool, maxAttempts: Int, now: Date) async throws -> CallStatus?

    /// Marks a `live` call done with the audio it streamed and its report; `note` (e.g. that a restart cut the tap
    /// short) is kept in the call's `error` line. False when the call is not live (already finalized).
    func finishLive(id: String, audio: StoredFile, report: Data, summary: CallSummary, note: String?, now: Date) async throws -> Bool

    func list(_ query: CallQuery) async throws -> CallPage

    /// Removes the call, its report and alerts; returns what was removed so its files can be deleted.
    func delete(id: String) async throws -> CallRecord?

    /// Whether any call still refers to the file with this hash (content-addressed files are shared).
    func isReferenced(sha256: String) async throws -> Bool

    /// Calls per status, for the queue-depth gauge.
    func countByStatus() async throws -> [CallStatus: Int]

    func addAlert(callID: String, _ alert: StoredAlert) async throws
    func alerts(callID: String) async throws -> [StoredAlert]

    func createKey(_ key: APIKeyRecord) async throws
    func key(id: String) async throws -> APIKeyRecord?
    func listKeys() async throws -> [APIKeyRecord]
    /// Revokes the key; false when there is no such key.
    func revokeKey(id: String, now: Date) async throws -> Bool
}

/// A store error that is the caller's fault (bad data), as opposed to the database failing.
public struct CallStoreError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
