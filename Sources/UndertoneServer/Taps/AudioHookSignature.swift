import Crypto
import Foundation

/// AudioHook's HTTP message signature (draft-ietf-httpbis-message-signatures, `hmac-sha256`) on the upgrade
/// request, as Genesys' reference implementation builds and checks it (`httpsignature/signature-verifier.ts`).
///
/// Covered components, in order: `@request-target`, `@authority`, `audiohook-organization-id`,
/// `audiohook-session-id`, `audiohook-correlation-id`, `x-api-key`; parameters `keyid` (= the API key), `nonce`,
/// `alg`, `created`, `expires`. The key is the base64-decoded client secret.
enum AudioHookSignature {
    static let components = [
        "@request-target", "@authority", "audiohook-organization-id", "audiohook-session-id", "audiohook-correlation-id",
        "x-api-key",
    ]
    /// How old `created` may be, and how far in the future, seconds (the reference server's limits).
    static let maxAge = 10.0
    static let clockSkew = 3.0

    /// Checks the request's `Signature-Input` and `Signature`; nil when valid, else why not (one line).
    /// - Parameter header: a request header's value by lower-case name.
    static func failure(
        secret: String, requestTarget: String, authority: String, header: (String) -> String?, now: Date = Date()
    ) -> String? {
        guard let key = Data(base64Encoded: secret), !key.isEmpty else { return "the server's client secret is not base64" }
        guard let input = header("signature-input"), let signature = header("signature") else {
            return "no Signature and Signature-Input headers"
        }
        guard let (label, inner) = split(input), let openParen = inner.firstIndex(of: "("), let closeParen = inner.firstIndex(of: ")"),
              openParen == inner.startIndex
        else { return "Signature-Input is not label=(components);params" }
        let covered = inner[inner.index(after: openParen)..<closeParen].split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        guard covered == components else { return "Signature-Input does not cover \(components.joined(separator: " "))" }
        var parameters: [String: String] = [:]
        for piece in inner[inner.index(after: closeParen)...].split(separator: ";") {
            let pair = piece.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            parameters[pair[0]] = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        guard parameters["alg"] == "hmac-sha256" else { return "alg must be hmac-sha256" }
        guard let apiKey = header("x-api-key"), parameters["keyid"] == apiKey else { return "keyid is not the X-API-KEY" }
        guard let nonce = parameters["nonce"], nonce.count >= 22 else { return "nonce missing or shorter than 22 characters" }
        guard let created = parameters["created"].flatMap(Double.init), let expires = parameters["expires"].flatMap(Double.init) else {
            return "created and expires are required"
        }
        let time = now.timeIntervalSince1970
        guard created <= time + clockSkew, time - created <= maxAge + clockSkew, expires + clockSkew >= time else {
            return "signature expired or not yet valid (created \(Int(created)), now \(Int(time)))"
        }
        guard let (signatureLabel, encoded) = split(signature), signatureLabel == label,
              encoded.hasPrefix(":"), encoded.hasSuffix(":"), encoded.count > 2,
              let presented = Data(base64Encoded: String(encoded.dropFirst().dropLast()))
        else { return "Signature is not \(label)=:base64:" }
        var values: [String] = [requestTarget, authority]
        for name in components.dropFirst(2) {
            guard let value = header(name) else { return "\(name) header missing" }
            values.append(value)
        }
        let base = signatureBase(values: values, parameters: inner)
        guard HMAC<SHA256>.isValidAuthenticationCode(presented, authenticating: Data(base.utf8), using: SymmetricKey(data: key)) else {
            return "signature does not match"
        }
        return nil
    }

    /// The signature base: one `"name": value` line per covered component, then `"@signature-params": …`.
    static func signatureBase(values: [String], parameters: Substring) -> String {
        (zip(components, values).map { "\"\($0)\": \($1.trimmingCharacters(in: .whitespaces))" }
            + ["\"@signature-params\": \(parameters)"]).joined(separator: "\n")
    }

    /// `sig1=rest` → ("sig1", "rest").
    private static func split(_ header: String) -> (String, Substring)? {
        guard let equals = header.firstIndex(of: "=") else { return nil }
        return (String(header[..<equals]).trimmingCharacters(in: .whitespaces), header[header.index(after: equals)...])
    }
}
