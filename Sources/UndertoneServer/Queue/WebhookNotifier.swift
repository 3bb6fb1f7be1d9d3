import AsyncHTTPClient
@preconcurrency import Crypto
import Foundation
public import Logging
import NIOCore

/// Posts `{"id", "status"}` to `--webhook URL` when a call is done or failed.
///
/// The body is signed: `X-Undertone-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`, so a
/// receiver can check both origin and freshness. Delivery is retried with backoff (1, 2, 4, 8 s by default) on a
/// network error or a non-2xx answer; a delivery still failing then is logged and dropped (the call is stored).
public struct WebhookNotifier: Sendable {
    let url: String
    let secret: Data
    let client: HTTPClient
    let logger: Logger
    /// The wait before the second attempt; each later wait doubles it.
    let firstRetryDelay: Duration
    static let attempts = 5

    public init(url: String, secret: String, logger: Logger, firstRetryDelay: Duration = .seconds(1)) {
        self.url = url
        self.firstRetryDelay = firstRetryDelay
        self.secret = Data(secret.utf8)
        client = .shared
        self.logger = logger
    }

    /// Starts the delivery and returns at once; the worker does not wait for the receiver.
    func notify(id: String, status: CallStatus) async {
        Task { await deliver(id: id, status: status) }
    }

    func deliver(id: String, status: CallStatus) async {
        let body = Data(#"{"id":"\#(id)","status":"\#(status.rawValue)"}"#.utf8)
        for attempt in 1...Self.attempts {
            let timestamp = Int(Date().timeIntervalSince1970)
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "X-Undertone-Signature", value: "t=\(timestamp),v1=\(Self.signature(body: body, timestamp: timestamp, secret: secret))")
            request.body = .bytes(ByteBuffer(bytes: body))
            do {
                let response = try await client.execute(request, timeout: .seconds(10))
                if (200..<300).contains(response.status.code) { return }
                logger.warning("webhook answered \(response.status.code)", metadata: ["call": "\(id)", "attempt": "\(attempt)"])
            } catch {
                logger.warning("webhook failed: \(error)", metadata: ["call": "\(id)", "attempt": "\(attempt)"])
            }
            if attempt < Self.attempts { try? await Task.sleep(for: firstRetryDelay * (1 << (attempt - 1))) }
        }
        logger.error("webhook gave up", metadata: ["call": "\(id)"])
    }

    static func signature(body: Data, timestamp: Int, secret: Data) -> String {
        Array(HMAC<SHA256>.authenticationCode(for: Data("\(timestamp).".utf8) + body, using: SymmetricKey(data: secret))).hex
    }
}
