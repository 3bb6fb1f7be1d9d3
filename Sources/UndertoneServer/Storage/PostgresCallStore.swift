public import Foundation
public import Logging
import PostgresNIO

/// The fleet backend: PostgreSQL through postgres-nio, shared by one `serve` and any number of `worker` processes.
///
/// Jobs are claimed with `SELECT … FOR UPDATE SKIP LOCKED` in one statement, so concurrent workers on any
/// machine never claim the same queued call; leases and attempts work as in ``CallStore``.
public final class PostgresCallStore: CallStore {
    let client: PostgresClient
    private let runner: Task<Void, Never>
    let logger: Logger

    /// Connects to `url`: `postgres://user:password@host:port/database`, or a Unix socket with
    /// `postgres://user@/database?host=/var/run/postgresql` (TLS is left to the network; see the README).
    public init(url: String, logger: Logger) throws {
        let configuration = try Self.configuration(url: url)
        client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        runner = Task { [client] in await client.run() }
        self.logger = logger
    }

    deinit { runner.cancel() }

    /// Closes the connections.
    public func shutdown() {
        runner.cancel()
    }

    static func configuration(url text: String) throws -> PostgresClient.Configuration {
        guard let url = URLComponents(string: text), ["postgres", "postgresql"].contains(url.scheme ?? ""),
              let user = url.user, !user.isEmpty else {
            throw CallStoreError("--database: expected postgres://user[:password]@host[:port]/database, got \(text)")
        }
        let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : nil
        let password = url.password?.removingPercentEncoding
        var configuration: PostgresClient.Configuration
        if let socketDirectory = url.queryItems?.first(where: { $0.name == "host" })?.value, socketDirectory.hasPrefix("/") {
            let port = url.port ?? 5432
            configuration = .init(unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: user, password: password, database: database)
        } else {
            configuration = .init(host: url.host ?? "localhost", port: url.port ?? 5432, username: user, password: password, database: database, tls: .disable)
        }
        configuration.options.maximumConnections = 10
        return configuration
    }

    public func migrate() async throws {
        try await client.withConnection { connection in
            // One process migrates at a time; the others wait here and then find the schema in place.
            try await connection.query("SELECT pg_advisory_lock(7423001)", logger: logger)
            do {
                try await connection.query("CREATE TABLE IF NOT EXISTS undertone_migrations (version INTEGER PRIMARY KEY)", logger: logger)
                let rows = try await connection.query("SELECT COALESCE(MAX(version), 0) FROM undertone_migrations", logger: logger)
                var version = 0
                for try await (current) in rows.decode(Int.self) { version = current }
                if version < 1 {
                    try await connection.query("BEGIN", logger: logger)
                    for statement in CallSchema.version1(.postgres) {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query("INSERT INTO undertone_migrations (version) VALUES (1)", logger: logger)
                    try await connection.query("COMMIT", logger: logger)
                }
                try await migrateReviews(connection)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                _ = try? await connection.query("SELECT pg_advisory_unlock(7423001)", logger: logger)
                throw error
            }
            try await connection.query("SELECT pg_advisory_unlock(7423001)", logger: logger)
        }
    }

    public func createCall(_ call: NewCall) async throws -> (record: CallRecord, created: Bool) {
        let status = (call.kind == .live ? CallStatus.live : .queued).rawValue
        let inserted = try await records(
            """
            INSERT INTO calls (id, kind, status, idempotency_key, audio_name, audio_sha256, audio_bytes,
                transcript_name, transcript_sha256, transcript_bytes, metadata, agent, created_at)
            VALUES (\(call.id), \(call.kind.rawValue), \(status), \(call.idempotencyKey), \(call.audio.name),
                \(call.audio.sha256), \(call.audio.bytes), \(call.transcript?.name), \(call.transcript?.sha256),
                \(call.transcript?.bytes), \(call.metadataJSON), \(call.agent), \(call.createdAt.timeIntervalSince1970))
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING \(unescaped: CallSchema.recordColumns)
            """
        )
        if let record = inserted.first {
            if record.status == .queued { await notifyQueued() }
            return (record, true)
        }
        guard let existing = try await records(
            "SELECT \(unescaped: CallSchema.recordColumns) FROM calls WHERE idempotency_key = \(call.idempotencyKey)"
        ).first else { throw CallStoreError("call \(call.id): insert conflicted but no call has its key") }
        return (existing, false)
    }

    public func call(id: String) async throws -> CallRecord? {
        try await records("SELECT \(unescaped: CallSchema.recordColumns) FROM calls WHERE id = \(id)").first
    }

    public func report(id: String) async throws -> Data? {
        let rows = try await client.query("SELECT report FROM calls WHERE id = \(id) AND status = 'done'", logger: logger)
        for try await (report) in rows.decode(String?.self) { return report.map { Data($0.utf8) } }
        return nil
    }

    public func claimNextJob(owner: String, lease: TimeInterval, maxAttempts: Int, now: Date) async throws -> ClaimedJob? {
        let now = now.timeIntervalSince1970
        try await client.query(
            """
            UPDATE calls SET status = 'failed', finished_at = \(now), lease_owner = NULL,
                error = 'analysis interrupted ' || attempts || ' times (worker stopped or lost its lease); not retried'
            WHERE status = 'running' AND lease_expires_at < \(now) AND attempts >= \(maxAttempts)
            """,
            logger: logger
        )
        let claimed = try await records(
            """
            WITH next AS (
                SELECT id FROM calls
                WHERE status = 'queued' OR (status = 'running' AND lease_expires_at < \(now) AND attempts < \(maxAttempts))
                ORDER BY created_at, id LIMIT 1
                FOR UPDATE SKIP LOCKED
            )
            UPDATE calls SET status = 'running', attempts = calls.attempts + 1, lease_owner = \(owner),
                lease_expires_at = \(now + lease), started_at = \(now)
            FROM next WHERE calls.id = next.id
            RETURNING \(unescaped: CallSchema.recordColumns.split(separator: ",").map { "calls." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", "))
            """
        )
        return claimed.first.map { ClaimedJob(call: $0, owner: owner, leaseExpiresAt: Date(timeIntervalSince1970: now + lease)) }
    }

    public func heartbeat(id: String, owner: String, lease: TimeInterval, now: Date) async throws -> Bool {
        try await changed(
            """
            UPDATE calls SET lease_expires_at = \(now.timeIntervalSince1970 + lease)
            WHERE id = \(id) AND lease_owner = \(owner) AND status = 'running' RETURNING id
            """
        )
    }

    public func complete(id: String, owner: String, report: Data, summary: CallSummary, now: Date) async throws -> Bool {
        try await changed(
            """
            UPDATE calls SET status = 'done', finished_at = \(now.timeIntervalSince1970), lease_owner = NULL,
                lease_expires_at = NULL, error = NULL, report = \(String(decoding: report, as: UTF8.self)),
                summary = \(try CallRow.encode(summary)), opening_score = \(summary.openingScore),
                moment_kinds = \(CallSchema.momentKinds(summary))
            WHERE id = \(id) AND lease_owner = \(owner) AND status = 'running' RETURNING id
            """
        )
    }

    public func finishLive(id: String, audio: StoredFile, report: Data, summary: CallSummary, note: String?, now: Date) async throws -> Bool {
        try await changed(
            """
            UPDATE calls SET status = 'done', audio_name = \(audio.name), audio_sha256 = \(audio.sha256),
                audio_bytes = \(audio.bytes), started_at = created_at, finished_at = \(now.timeIntervalSince1970),
                error = \(note), report = \(String(decoding: report, as: UTF8.self)), summary = \(try CallRow.encode(summary)),
                opening_score = \(summary.openingScore), moment_kinds = \(CallSchema.momentKinds(summary))
            WHERE id = \(id) AND status = 'live' RETURNING id
            """
        )
    }

    public func fail(id: String, owner: String, reason: String, retry: Bool, maxAttempts: Int, now: Date) async throws -> CallStatus? {
        let rows = try await client.query(
            """
            UPDATE calls SET
                status = CASE WHEN \(retry) AND attempts < \(maxAttempts) THEN 'queued' ELSE 'failed' END,
                finished_at = CASE WHEN \(retry) AND attempts < \(maxAttempts) THEN NULL ELSE \(now.timeIntervalSince1970) END,
                error = \(reason), lease_owner = NULL, lease_expires_at = NULL
            WHERE id = \(id) AND lease_owner = \(owner) AND status = 'running' RETURNING status
            """,
            logger: logger
        )
        for try await (status) in rows.decode(String.self) { return CallStatus(rawValue: status) }
        return nil
    }

    public func list(_ query: CallQuery) async throws -> CallPage {
        var conditions: [String] = []
        var binds = PostgresBindings()
        func bind<Value: PostgresDynamicTypeEncodable>(_ value: Value) -> String {
            binds.append(value)
            return "$\(binds.count)"
        }
        if let agent = query.agent { conditions.append("agent = \(bind(agent))") }
        if let from = query.from { conditions.append("created_at >= \(bind(from.timeIntervalSince1970))") }
        if let to = query.to { conditions.append("created_at < \(bind(to.timeIntervalSince1970))") }
        if let status = query.status { conditions.append("status = \(bind(status.rawValue))") }
        if let score = query.minOpeningScore { conditions.append("opening_score >= \(bind(score))") }
        if let moment = query.moment { conditions.append("moment_kinds LIKE \(bind("%,\(moment),%"))") }
        if let cursor = query.cursor {
            let createdAt = bind(cursor.createdAt)
            conditions.append("(created_at < \(createdAt) OR (created_at = \(createdAt) AND id < \(bind(cursor.id))))")
        }
        let whereClause = conditions.isEmpty ? "TRUE" : conditions.joined(separator: " AND ")
        let limit = bind(query.limit + 1)
        let sql = "SELECT \(CallSchema.recordColumns) FROM calls WHERE \(whereClause) ORDER BY created_at DESC, id DESC LIMIT \(limit)"
        return CallPage.limited(try await records(PostgresQuery(unsafeSQL: sql, binds: binds)), to: query.limit)
    }

    public func delete(id: String) async throws -> CallRecord? {
        try await records("DELETE FROM calls WHERE id = \(id) RETURNING \(unescaped: CallSchema.recordColumns)").first
    }

    public func isReferenced(sha256: String) async throws -> Bool {
        let rows = try await client.query(
            "SELECT EXISTS (SELECT 1 FROM calls WHERE audio_sha256 = \(sha256) OR transcript_sha256 = \(sha256))", logger: logger
        )
        for try await (exists) in rows.decode(Bool.self) { return exists }
        return false
    }

    public func countByStatus() async throws -> [CallStatus: Int] {
        var counts: [CallStatus: Int] = [:]
        let rows = try await client.query("SELECT status, COUNT(*) FROM calls GROUP BY status", logger: logger)
        for try await (status, count) in rows.decode((String, Int).self) {
            if let status = CallStatus(rawValue: status) { counts[status] = count }
        }
        return counts
    }

    public func addAlert(callID: String, _ alert: StoredAlert) async throws {
        try await client.query(
            "INSERT INTO alerts (call_id, audio_time, kind, body) VALUES (\(callID), \(alert.audioTime), \(alert.kind), \(alert.json))",
            logger: logger
        )
    }

    public func alerts(callID: String) async throws -> [StoredAlert] {
        let rows = try await client.query(
            "SELECT audio_time, kind, body FROM alerts WHERE call_id = \(callID) ORDER BY audio_time, seq", logger: logger
        )
        var alerts: [StoredAlert] = []
        for try await (time, kind, body) in rows.decode((Double, String, String).self) {
            alerts.append(StoredAlert(audioTime: time, kind: kind, json: body))
        }
        return alerts
    }

    public func createKey(_ key: APIKeyRecord) async throws {
        try await client.query(
            """
            INSERT INTO api_keys (id, name, role, salt, hash, created_at, revoked_at)
            VALUES (\(key.id), \(key.name), \(key.role.rawValue), \(key.salt.hex), \(key.hash.hex),
                \(key.createdAt.timeIntervalSince1970), \(key.revokedAt?.timeIntervalSince1970))
            """,
            logger: logger
        )
    }

    public func key(id: String) async throws -> APIKeyRecord? {
        try await keys("SELECT id, name, role, salt, hash, created_at, revoked_at FROM api_keys WHERE id = \(id)").first
    }

    public func listKeys() async throws -> [APIKeyRecord] {
        try await keys("SELECT id, name, role, salt, hash, created_at, revoked_at FROM api_keys ORDER BY created_at, id")
    }

    public func revokeKey(id: String, now: Date) async throws -> Bool {
        try await changed(
            "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, \(now.timeIntervalSince1970)) WHERE id = \(id) RETURNING id"
        )
    }

    private func records(_ query: PostgresQuery) async throws -> [CallRecord] {
        var records: [CallRecord] = []
        for try await row in try await client.query(query, logger: logger) {
            let cells = row.makeRandomAccess()
            records.append(try CallRow(
                id: cells["id"].decode(String.self), kind: cells["kind"].decode(String.self),
                status: cells["status"].decode(String.self), idempotencyKey: cells["idempotency_key"].decode(String?.self),
                audioName: cells["audio_name"].decode(String.self), audioSHA256: cells["audio_sha256"].decode(String.self),
                audioBytes: cells["audio_bytes"].decode(Int.self), transcriptName: cells["transcript_name"].decode(String?.self),
                transcriptSHA256: cells["transcript_sha256"].decode(String?.self),
                transcriptBytes: cells["transcript_bytes"].decode(Int?.self), metadata: cells["metadata"].decode(String?.self),
                agent: cells["agent"].decode(String?.self), createdAt: cells["created_at"].decode(Double.self),
                startedAt: cells["started_at"].decode(Double?.self), finishedAt: cells["finished_at"].decode(Double?.self),
                attempts: cells["attempts"].decode(Int.self), error: cells["error"].decode(String?.self),
                summary: cells["summary"].decode(String?.self)
            ).record())
        }
        return records
    }

    private func keys(_ query: PostgresQuery) async throws -> [APIKeyRecord] {
        var keys: [APIKeyRecord] = []
        let rows = try await client.query(query, logger: logger)
        for try await (id, name, roleName, salt, hash, createdAt, revokedAt) in rows.decode((String, String, String, String, String, Double, Double?).self) {
            guard let role = Role(rawValue: roleName), let salt = [UInt8](hex: salt), let hash = [UInt8](hex: hash) else {
                throw CallStoreError("api key \(id): bad role or hash in the database")
            }
            keys.append(APIKeyRecord(
                id: id, name: name, role: role, salt: salt, hash: hash, createdAt: Date(timeIntervalSince1970: createdAt),
                revokedAt: revokedAt.map(Date.init(timeIntervalSince1970:))
            ))
        }
        return keys
    }

    /// Runs an `UPDATE … RETURNING id`; whether a row changed.
    private func changed(_ query: PostgresQuery) async throws -> Bool {
        for try await _ in try await client.query(query, logger: logger) { return true }
        return false
    }
}

extension PostgresCallStore {
    /// Runs one statement as given, for administration (tests create and drop databases with it).
    public func execute(unsafeSQL sql: String) async throws {
        try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger)
    }
}
