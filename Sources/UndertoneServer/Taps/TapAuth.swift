import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// Who may open a tap: a bearer key of role `ingest` (or admin) on the upgrade request, or the protocol's own
/// scheme: Twilio's `X-Twilio-Signature` when an auth token is configured, AudioHook's `X-API-KEY` carrying the key.
enum TapAuth {
    /// The upgrade's key, from `Authorization: Bearer` or (AudioHook) `X-API-KEY`, checked for role `ingest`.
    static func key(_ request: Request, store: any CallStore, allowAPIKeyHeader: Bool = false) async throws -> APIKeyRecord {
        var presented: String?
        if let authorization = request.headers[.authorization], authorization.hasPrefix("Bearer ") {
            presented = String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        } else if allowAPIKeyHeader {
            presented = request.headers[HTTPField.Name("X-API-KEY")!]
        }
        guard let presented, let key = try await APIKeys.verify(presented, in: store) else { throw APIError.unauthorized }
        guard key.role.allows(.ingest) else { throw APIError.forbidden(.ingest) }
        return key
    }

    /// Twilio: a valid ingest key, or, when an auth token is configured, a valid `X-Twilio-Signature`; a signature
    /// that is present must be valid either way.
    static func twilio(_ request: Request, services: TapServices) async throws {
        let signature = request.headers[HTTPField.Name("X-Twilio-Signature")!]
        if let token = services.settings.twilioAuthToken, let signature {
            let url = signedURL(request, publicURL: services.settings.publicURL)
            guard twilioSignature(url: url, token: token) == signature else {
                throw APIError(.forbidden, field: "X-Twilio-Signature", reason: "does not match the auth token for \(url)")
            }
            return
        }
        _ = try await key(request, store: services.store)
    }

    /// base64(HMAC-SHA1(auth token, URL)): Twilio's signature of a request without POST parameters.
    static func twilioSignature(url: String, token: String) -> String {
        Data(HMAC<Insecure.SHA1>.authenticationCode(for: Data(url.utf8), using: SymmetricKey(data: Data(token.utf8)))).base64EncodedString()
    }

    /// The URL as Twilio was told it: the configured public base (`wss://host`) or `wss://` + Host, then the path.
    static func signedURL(_ request: Request, publicURL: String?) -> String {
        let base = publicURL ?? "wss://\(request.head.authority ?? "")"
        return (base.hasSuffix("/") ? String(base.dropLast()) : base) + (request.head.path ?? "/")
    }
}
