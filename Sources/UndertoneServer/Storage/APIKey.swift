public import Foundation

/// What a key may do. `admin` includes the other two.
public enum Role: String, Sendable, Codable, CaseIterable {
    /// Uploads calls and opens live taps.
    case ingest
    /// Reads calls, reports, audio and the replay page.
    case qa
    /// Everything.
    case admin

    /// Whether a key of this role may do what `required` allows.
    public func allows(_ required: Role) -> Bool { self == .admin || self == required }
}

/// A stored API key: only its salted hash, never the secret.
public struct APIKeyRecord: Sendable, Equatable {
    /// The public part of the key, used to find the record.
    public var id: String
    public var name: String
    public var role: Role
    public var salt: [UInt8]
    /// HMAC-SHA256 of the secret keyed with `salt`.
    public var hash: [UInt8]
    public var createdAt: Date
    public var revokedAt: Date?

    public init(id: String, name: String, role: Role, salt: [UInt8], hash: [UInt8], createdAt: Date, revokedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.salt = salt
        self.hash = hash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}
