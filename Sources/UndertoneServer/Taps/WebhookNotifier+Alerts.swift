import AsyncHTTPClient
import Foundation
import NIOCore

extension WebhookNotifier {
    /// Posts one live alert (the SSE event's JSON, with `callId`) to the webhook, signed like the status posts,
    /// once and without retries: an alert retried seconds later has lost its point. Returns at once.
    func notifyAlert(json: String) {
        Task {
            let body = Data(json.utf8)
            let timestamp = Int(Date().timeIntervalSince1970)
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "X-Undertone-Event", value: "alert")
            request.headers.add(name: "X-Undertone-Signature", value: "t=\(timestamp),v1=\(Self.signature(body: body, timestamp: timestamp, secret: secret))")
            request.body = .bytes(ByteBuffer(bytes: body))
            do {
                let response = try await client.execute(request, timeout: .seconds(5))
                if !(200..<300).contains(response.status.code) { logger.warning("alert webhook answered \(response.status.code)") }
            } catch {
                logger.warning("alert webhook failed: \(error)")
            }
        }
    }
}
