import Crypto
public import Foundation

/// API keys: `ut_<id>_<secret>`. The id finds the stored record; only HMAC-SHA256(salt, secret) is stored, so a
/// leaked database gives no usable key. Secrets are 256 random bits, so a salted fast hash is enough (no password
/// stretching needed).
public enum APIKeys {
    /// A new key and the record to store for it. The key is shown once and never again.
    public static func generate(role: Role, name: String, now: Date = Date()) -> (key: String, record: APIKeyRecord) {
        let id = randomBytes(6).hex
        let secret = randomBytes(32).hex
        let salt = randomBytes(16)
        let record = APIKeyRecord(id: id, name: name, role: role, salt: salt, hash: hash(secret: secret, salt: salt), createdAt: now)
        return ("ut_\(id)_\(secret)", record)
    }

    /// The stored, unrevoked key matching `presented`, or nil.
    public static func verify(_ presented: String, in store: any CallStore) async throws -> APIKeyRecord? {
        let parts = presented.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "ut", parts[1].count == 12, !parts[2].isEmpty,
              let record = try await store.key(id: String(parts[1])), record.revokedAt == nil else { return nil }
        let valid = HMAC<SHA256>.isValidAuthenticationCode(
            record.hash, authenticating: Data(parts[2].utf8), using: SymmetricKey(data: record.salt)
        )
        return valid ? record : nil
    }

    static func hash(secret: String, salt: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Data(secret.utf8), using: SymmetricKey(data: salt)))
    }

    private static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
