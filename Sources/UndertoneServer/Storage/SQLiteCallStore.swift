public import Foundation
import GRDB

/// The embedded backend: one SQLite database in WAL mode under `--data`, through GRDB.
///
/// Writes are serialised by SQLite, so claiming a job is one write transaction; `synchronous=FULL` makes a
/// committed upload survive a power cut, which is what the 202 promises.
public struct SQLiteCallStore: CallStore {
    let pool: DatabasePool

    /// Opens (creating if needed) the database at `path`.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        pool = try DatabasePool(path: path, configuration: configuration)
    }

    public func migrate() async throws {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            for statement in CallSchema.version1(.sqlite) { try db.execute(sql: statement) }
        }
        migrator.registerMigration("reviews-v1") { db in
            for statement in ReviewSchema.version1(.sqlite) { try db.execute(sql: statement) }
        }
        try migrator.migrate(pool)
    }

    public func createCall(_ call: NewCall) async throws -> (record: CallRecord, created: Bool) {
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO calls (id, kind, status, idempotency_key, audio_name, audio_sha256, audio_bytes,
                        transcript_name, transcript_sha256, transcript_bytes, metadata, agent, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (idempotency_key) DO NOTHING
                    """,
                arguments: [
                    call.id, call.kind.rawValue, (call.kind == .live ? CallStatus.live : .queued).rawValue,
                    call.idempotencyKey, call.audio.name, call.audio.sha256, call.audio.bytes, call.transcript?.name,
                    call.transcript?.sha256, call.transcript?.bytes, call.metadataJSON, call.agent,
                    call.createdAt.timeIntervalSince1970,
                ]
            )
            let created = db.changesCount == 1
            let row = created
                ? try Self.fetchRecord(db, where: "id = ?", [call.id])
                : try Self.fetchRecord(db, where: "idempotency_key = ?", [call.idempotencyKey])
            guard let row else { throw CallStoreError("call \(call.id) vanished after insert") }
            return (row, created)
        }
    }

    public func call(id: String) async throws -> CallRecord? {
        try await pool.read { db in try Self.fetchRecord(db, where: "id = ?", [id]) }
    }

    public func report(id: String) async throws -> Data? {
        try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT report FROM calls WHERE id = ? AND status = 'done'", arguments: [id])
                .map { Data($0.utf8) }
        }
    }

    public func claimNextJob(owner: String, lease: TimeInterval, maxAttempts: Int, now: Date) async throws -> ClaimedJob? {
        let now = now.timeIntervalSince1970
        return try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE calls SET status = 'failed', finished_at = ?, lease_owner = NULL,
                        error = 'analysis interrupted ' || attempts || ' times (worker stopped or lost its lease); not retried'
                    WHERE status = 'running' AND lease_expires_at < ? AND attempts >= ?
                    """,
                arguments: [now, now, maxAttempts]
            )
            guard let id = try String.fetchOne(
                db,
                sql: """
                    SELECT id FROM calls
                    WHERE status = 'queued' OR (status = 'running' AND lease_expires_at < ? AND attempts < ?)
                    ORDER BY created_at, id LIMIT 1
                    """,
                arguments: [now, maxAttempts]
            ) else { return nil }
            try db.execute(
                sql: """
                    UPDATE calls SET status = 'running', attempts = attempts + 1, lease_owner = ?, lease_expires_at = ?,
                        started_at = ?
                    WHERE id = ?
                    """,
                arguments: [owner, now + lease, now, id]
            )
            guard let record = try Self.fetchRecord(db, where: "id = ?", [id]) else { return nil }
            return ClaimedJob(call: record, owner: owner, leaseExpiresAt: Date(timeIntervalSince1970: now + lease))
        }
    }

    public func heartbeat(id: String, owner: String, lease: TimeInterval, now: Date) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE calls SET lease_expires_at = ? WHERE id = ? AND lease_owner = ? AND status = 'running'",
                arguments: [now.timeIntervalSince1970 + lease, id, owner]
            )
            return db.changesCount == 1
        }
    }

    public func complete(id: String, owner: String, report: Data, summary: CallSummary, now: Date) async throws -> Bool {
        let summaryJSON = try CallRow.encode(summary)
        return try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE calls SET status = 'done', finished_at = ?, lease_owner = NULL, lease_expires_at = NULL,
                        error = NULL, report = ?, summary = ?, opening_score = ?, moment_kinds = ?
                    WHERE id = ? AND lease_owner = ? AND status = 'running'
                    """,
                arguments: [
                    now.timeIntervalSince1970, String(decoding: report, as: UTF8.self), summaryJSON,
                    summary.openingScore, CallSchema.momentKinds(summary), id, owner,
                ]
            )
            return db.changesCount == 1
        }
    }

    public func fail(id: String, owner: String, reason: String, retry: Bool, maxAttempts: Int, now: Date) async throws -> CallStatus? {
        try await pool.write { db in
            guard let attempts = try Int.fetchOne(
                db, sql: "SELECT attempts FROM calls WHERE id = ? AND lease_owner = ? AND status = 'running'",
                arguments: [id, owner]
            ) else { return nil }
            let status: CallStatus = retry && attempts < maxAttempts ? .queued : .failed
            try db.execute(
                sql: """
                    UPDATE calls SET status = ?, error = ?, lease_owner = NULL, lease_expires_at = NULL, finished_at = ?
                    WHERE id = ?
                    """,
                arguments: [status.rawValue, reason, status == .failed ? now.timeIntervalSince1970 : nil, id]
            )
            return status
        }
    }

    public func finishLive(id: String, audio: StoredFile, report: Data, summary: CallSummary, note: String?, now: Date) async throws -> Bool {
        let summaryJSON = try CallRow.encode(summary)
        return try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE calls SET status = 'done', audio_name = ?, audio_sha256 = ?, audio_bytes = ?, started_at = created_at,
                        finished_at = ?, error = ?, report = ?, summary = ?, opening_score = ?, moment_kinds = ?
                    WHERE id = ? AND status = 'live'
                    """,
                arguments: [
                    audio.name, audio.sha256, audio.bytes, now.timeIntervalSince1970, note,
                    String(decoding: report, as: UTF8.self), summaryJSON, summary.openingScore,
                    CallSchema.momentKinds(summary), id,
                ]
            )
            return db.changesCount == 1
        }
    }

    public func list(_ query: CallQuery) async throws -> CallPage {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let agent = query.agent { conditions.append("agent = ?"); arguments.append(agent) }
        if let from = query.from { conditions.append("created_at >= ?"); arguments.append(from.timeIntervalSince1970) }
        if let to = query.to { conditions.append("created_at < ?"); arguments.append(to.timeIntervalSince1970) }
        if let status = query.status { conditions.append("status = ?"); arguments.append(status.rawValue) }
        if let score = query.minOpeningScore { conditions.append("opening_score >= ?"); arguments.append(score) }
        if let moment = query.moment { conditions.append("moment_kinds LIKE ?"); arguments.append("%,\(moment),%") }
        if let cursor = query.cursor {
            conditions.append("(created_at < ? OR (created_at = ? AND id < ?))")
            arguments += [cursor.createdAt, cursor.createdAt, cursor.id]
        }
        let whereClause = conditions.isEmpty ? "1" : conditions.joined(separator: " AND ")
        arguments.append(query.limit + 1)
        let statementArguments = StatementArguments(arguments)
        let records = try await pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT \(CallSchema.recordColumns) FROM calls WHERE \(whereClause) ORDER BY created_at DESC, id DESC LIMIT ?",
                arguments: statementArguments
            ).map { try Self.callRow($0).record() }
        }
        return CallPage.limited(records, to: query.limit)
    }

    public func delete(id: String) async throws -> CallRecord? {
        try await pool.write { db in
            guard let record = try Self.fetchRecord(db, where: "id = ?", [id]) else { return nil }
            try db.execute(sql: "DELETE FROM calls WHERE id = ?", arguments: [id])
            return record
        }
    }

    public func isReferenced(sha256: String) async throws -> Bool {
        try await pool.read { db in
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM calls WHERE audio_sha256 = ? OR transcript_sha256 = ?)",
                arguments: [sha256, sha256]
            ) ?? false
        }
    }

    public func countByStatus() async throws -> [CallStatus: Int] {
        try await pool.read { db in
            var counts: [CallStatus: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM calls GROUP BY status") {
                if let status = CallStatus(rawValue: row["status"]) { counts[status] = row["n"] }
            }
            return counts
        }
    }

    public func addAlert(callID: String, _ alert: StoredAlert) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO alerts (call_id, audio_time, kind, body) VALUES (?, ?, ?, ?)",
                arguments: [callID, alert.audioTime, alert.kind, alert.json]
            )
        }
    }

    public func alerts(callID: String) async throws -> [StoredAlert] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT audio_time, kind, body FROM alerts WHERE call_id = ? ORDER BY audio_time, seq",
                arguments: [callID]
            ).map { StoredAlert(audioTime: $0["audio_time"], kind: $0["kind"], json: $0["body"]) }
        }
    }

    public func createKey(_ key: APIKeyRecord) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "INSERT INTO api_keys (id, name, role, salt, hash, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    key.id, key.name, key.role.rawValue, key.salt.hex, key.hash.hex, key.createdAt.timeIntervalSince1970,
                    key.revokedAt?.timeIntervalSince1970,
                ]
            )
        }
    }

    public func key(id: String) async throws -> APIKeyRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM api_keys WHERE id = ?", arguments: [id]).map(Self.keyRecord)
        }
    }

    public func listKeys() async throws -> [APIKeyRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM api_keys ORDER BY created_at, id").map(Self.keyRecord)
        }
    }

    public func revokeKey(id: String, now: Date) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?",
                arguments: [now.timeIntervalSince1970, id]
            )
            return db.changesCount == 1
        }
    }

    private static func fetchRecord(_ db: Database, where condition: String, _ arguments: StatementArguments) throws -> CallRecord? {
        try Row.fetchOne(db, sql: "SELECT \(CallSchema.recordColumns) FROM calls WHERE \(condition)", arguments: arguments)
            .map { try callRow($0).record() }
    }

    private static func callRow(_ row: Row) -> CallRow {
        CallRow(
            id: row["id"], kind: row["kind"], status: row["status"], idempotencyKey: row["idempotency_key"],
            audioName: row["audio_name"], audioSHA256: row["audio_sha256"], audioBytes: row["audio_bytes"],
            transcriptName: row["transcript_name"], transcriptSHA256: row["transcript_sha256"],
            transcriptBytes: row["transcript_bytes"], metadata: row["metadata"], agent: row["agent"],
            createdAt: row["created_at"], startedAt: row["started_at"], finishedAt: row["finished_at"],
            attempts: row["attempts"], error: row["error"], summary: row["summary"]
        )
    }

    private static func keyRecord(_ row: Row) throws -> APIKeyRecord {
        let roleName: String = row["role"]
        guard let role = Role(rawValue: roleName), let salt = [UInt8](hex: row["salt"]), let hash = [UInt8](hex: row["hash"]) else {
            throw CallStoreError("api key \(row["id"] as String): bad role or hash in the database")
        }
        let revokedAt: Double? = row["revoked_at"]
        return APIKeyRecord(
            id: row["id"], name: row["name"], role: role, salt: salt, hash: hash,
            createdAt: Date(timeIntervalSince1970: row["created_at"]), revokedAt: revokedAt.map(Date.init(timeIntervalSince1970:))
        )
    }
}

extension CallPage {
    /// A page from `limit + 1` rows: the extra row only tells that there is a next page.
    static func limited(_ records: [CallRecord], to limit: Int) -> CallPage {
        guard records.count > limit else { return CallPage(calls: records, nextCursor: nil) }
        let page = Array(records.prefix(limit))
        let last = page[page.count - 1]
        return CallPage(calls: page, nextCursor: CallCursor(createdAt: last.createdAt.timeIntervalSince1970, id: last.id))
    }
}
