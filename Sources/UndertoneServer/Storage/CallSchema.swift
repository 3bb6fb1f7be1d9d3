/// The tables both backends create, in SQL both SQLite and PostgreSQL accept.
///
/// Times are seconds since 1970 (double precision) so the two backends store and compare them the same way.
/// `calls` holds uploaded and live calls alike (`kind`); `alerts` the alerts raised during a call, for the live
/// taps and the replay page.
enum CallSchema {
    /// The SQL that differs between the backends.
    enum Dialect {
        case sqlite, postgres

        var serialKey: String { self == .sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY" }
    }

    static func version1(_ dialect: Dialect) -> [String] { [
        """
        CREATE TABLE calls (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            status TEXT NOT NULL,
            idempotency_key TEXT UNIQUE,
            audio_name TEXT NOT NULL,
            audio_sha256 TEXT NOT NULL,
            audio_bytes BIGINT NOT NULL,
            transcript_name TEXT,
            transcript_sha256 TEXT,
            transcript_bytes BIGINT,
            metadata TEXT,
            agent TEXT,
            created_at DOUBLE PRECISION NOT NULL,
            started_at DOUBLE PRECISION,
            finished_at DOUBLE PRECISION,
            attempts INTEGER NOT NULL DEFAULT 0,
            lease_owner TEXT,
            lease_expires_at DOUBLE PRECISION,
            error TEXT,
            report TEXT,
            summary TEXT,
            opening_score DOUBLE PRECISION,
            moment_kinds TEXT
        )
        """,
        "CREATE INDEX calls_queue ON calls (status, created_at)",
        "CREATE INDEX calls_listing ON calls (created_at, id)",
        "CREATE INDEX calls_audio ON calls (audio_sha256)",
        """
        CREATE TABLE alerts (
            seq \(dialect.serialKey),
            call_id TEXT NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
            audio_time DOUBLE PRECISION NOT NULL,
            kind TEXT NOT NULL,
            body TEXT NOT NULL
        )
        """,
        "CREATE INDEX alerts_call ON alerts (call_id, audio_time)",
        """
        CREATE TABLE api_keys (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            salt TEXT NOT NULL,
            hash TEXT NOT NULL,
            created_at DOUBLE PRECISION NOT NULL,
            revoked_at DOUBLE PRECISION
        )
        """,
    ] }

    /// Columns of `calls` read into a `CallRecord`, in `CallRow` order.
    static let recordColumns = """
        id, kind, status, idempotency_key, audio_name, audio_sha256, audio_bytes, transcript_name, transcript_sha256, \
        transcript_bytes, metadata, agent, created_at, started_at, finished_at, attempts, error, summary
        """

    /// `moment_kinds` holds the kinds present as `,deadAir,longHold,` so `LIKE '%,kind,%'` filters on one.
    static func momentKinds(_ summary: CallSummary) -> String {
        "," + summary.momentCounts.filter { $0.value > 0 }.keys.sorted().joined(separator: ",") + ","
    }

}
