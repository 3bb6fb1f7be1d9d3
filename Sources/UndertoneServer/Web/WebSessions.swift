import Crypto
import Foundation

/// A signed-in browser: the key it signed in with and the token its forms must carry.
struct WebSession: Sendable {
    var keyID: String
    /// Sent back in every form (`csrf` field) or `X-CSRF-Token` header; the cookie alone never authorises a change.
    var csrfToken: String
    var expiresAt: Date
}

/// A request's valid session: its cookie token, the session and the key it belongs to, read afresh.
struct WebSignIn: Sendable {
    var token: String
    var session: WebSession
    var key: APIKeyRecord
}

/// The sessions of the replay pages, in memory: one `serve` process holds them (workers never serve pages), and
/// a restart only means signing in again. Cookies carry a random 256-bit token; only its SHA-256 is kept.
actor WebSessions {
    static let cookieName = "undertone_session"
    /// Sessions end this long after sign-in.
    static let lifetime: TimeInterval = 12 * 3600

    private var sessions: [String: WebSession] = [:]

    /// Starts a session for the key; returns the cookie's token.
    func start(keyID: String, now: Date = Date()) -> (token: String, session: WebSession) {
        purge(now: now)
        let token = Self.randomToken()
        let session = WebSession(keyID: keyID, csrfToken: Self.randomToken(), expiresAt: now + Self.lifetime)
        sessions[Self.digest(token)] = session
        return (token, session)
    }

    func session(token: String, now: Date = Date()) -> WebSession? {
        let digest = Self.digest(token)
        guard let session = sessions[digest] else { return nil }
        guard session.expiresAt > now else {
            sessions[digest] = nil
            return nil
        }
        return session
    }

    func end(token: String) {
        sessions[Self.digest(token)] = nil
    }

    private func purge(now: Date) {
        sessions = sessions.filter { $0.value.expiresAt > now }
    }

    private static func digest(_ token: String) -> String {
        Array(SHA256.hash(data: Data(token.utf8))).hex
    }

    private static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }.hex
    }
}
