import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing
@testable import UndertoneServer

/// The webhook through a real HTTP receiver on loopback: one signed post per call when it is done or failed,
/// retried with doubling waits while the receiver fails, and never again once it has answered 2xx.
@Suite struct WebhookTests {
    /// One post the receiver got.
    struct Delivery: Sendable {
        var at: ContinuousClock.Instant
        var signature: String?
        var body: Data
        var answered: Int
    }

    /// A receiver that answers 503 to the first `failures` posts about a done call, then 200.
    final class Receiver: Sendable {
        let failures: Int
        private let state = Mutex<[Delivery]>([])
        init(failures: Int) { self.failures = failures }

        var deliveries: [Delivery] { state.withLock { $0 } }

        func record(signature: String?, body: Data) -> Int {
            state.withLock { deliveries in
                let doneSoFar = deliveries.filter { Self.status(of: $0.body) == "done" }.count
                let answer = Self.status(of: body) == "done" && doneSoFar < failures ? 503 : 200
                deliveries.append(Delivery(at: .now, signature: signature, body: body, answered: answer))
                return answer
            }
        }

        static func status(of body: Data) -> String? {
            (try? JSONSerialization.jsonObject(with: body) as? [String: String])?["status"]
        }

        func app() -> some ApplicationProtocol {
            let router = Router()
            router.post("hook") { request, _ -> Response in
                let body = try await request.body.collect(upTo: 1 << 16)
                let answer = self.record(signature: request.headers[HTTPField.Name("X-Undertone-Signature")!], body: Data(body.readableBytesView))
                return Response(status: .init(code: answer))
            }
            return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        }
    }

    static let secret = "webhook-test-secret"

    /// `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`, checked with an HMAC of our own.
    static func isValid(_ signature: String?, body: Data) -> Bool {
        guard let signature else { return false }
        var fields: [String: String] = [:]
        for pair in signature.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        guard let t = fields["t"], let timestamp = Double(t), abs(Date().timeIntervalSince1970 - timestamp) < 120,
              let v1 = fields["v1"] else { return false }
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(t).".utf8) + body, using: SymmetricKey(data: Data(secret.utf8)))
        return mac.map { String(format: "%02x", $0) }.joined() == v1
    }

    /// A 16-bit PCM WAV of digital silence at 8 kHz.
    static func silentWAV(channels: Int, seconds: Int) -> [UInt8] {
        func le(_ value: Int, _ bytes: Int) -> [UInt8] { (0..<bytes).map { UInt8((value >> (8 * $0)) & 0xFF) } }
        let dataBytes = 8000 * seconds * channels * 2
        return Array("RIFF".utf8) + le(36 + dataBytes, 4) + Array("WAVEfmt ".utf8) + le(16, 4) + le(1, 2) + le(channels, 2)
            + le(8000, 4) + le(8000 * channels * 2, 4) + le(channels * 2, 2) + le(16, 2) + Array("data".utf8) + le(dataBytes, 4)
            + [UInt8](repeating: 0, count: dataBytes)
    }

    @Test func signedRetriedWithBackoffAndDeliveredOnce() async throws {
        let receiver = Receiver(failures: 2)
        let firstRetry = Duration.milliseconds(300)
        try await receiver.app().test(.live) { hook in
            var configured = try await TestServer()
            var logger = Logger(label: "undertone.test.webhook")
            logger.logLevel = .critical
            let port = try #require(hook.port)
            configured.configuration.webhook = WebhookNotifier(
                url: "http://127.0.0.1:\(port)/hook", secret: Self.secret, logger: logger, firstRetryDelay: firstRetry
            )
            let server = configured
            try await server.app().test(.live) { client in
                let headers = server.headers("ingest", MultipartBody.contentType)
                let good = try await client.execute(
                    uri: "/v1/calls", method: .post, headers: headers, body: try MultipartBody.fixtureCall("layout-overlap").buffer
                )
                // Three-channel audio opens, so the upload is accepted; analysis then fails (no channel map).
                var threeChannels = MultipartBody()
                threeChannels.add("audio", fileName: "three.wav", Self.silentWAV(channels: 3, seconds: 1))
                let bad = try await client.execute(uri: "/v1/calls", method: .post, headers: headers, body: threeChannels.buffer)
                let doneID = try #require(try good.json()["id"] as? String)
                let failedID = try #require(try bad.json()["id"] as? String)
                #expect(try await CallRoutesTests.waitUntilFinished(client, server, id: doneID)["status"] as? String == "done")
                let failed = try await CallRoutesTests.waitUntilFinished(client, server, id: failedID)
                #expect(failed["status"] as? String == "failed")
                #expect((failed["error"] as? String)?.contains("has 3 channels") == true)

                // Wait for the third (successful) attempt, then long enough for any stray retry to show up.
                for _ in 0..<100 where receiver.deliveries.filter({ $0.answered == 200 }).count < 2 {
                    try await Task.sleep(for: .milliseconds(100))
                }
                try await Task.sleep(for: firstRetry * 8)
            }
        }
        let deliveries = receiver.deliveries
        for delivery in deliveries {
            #expect(Self.isValid(delivery.signature, body: delivery.body), "signature \(delivery.signature ?? "missing")")
        }
        let bodies = deliveries.map { try? JSONSerialization.jsonObject(with: $0.body) as? [String: String] }
        let done = zip(deliveries, bodies).filter { $0.1?["status"] == "done" }.map { $0.0 }
        let failed = zip(deliveries, bodies).filter { $0.1?["status"] == "failed" }.map { $0.0 }
        #expect(Set(bodies.compactMap { $0?.keys.sorted() }) == [["id", "status"]])
        // Two 503s, then the 200, and nothing after it.
        #expect(done.map(\.answered) == [503, 503, 200])
        if done.count == 3 {
            let waits = [done[1].at - done[0].at, done[2].at - done[1].at]
            #expect(waits[0] >= firstRetry, "first wait \(waits[0])")
            #expect(waits[1] >= firstRetry * 2, "second wait \(waits[1])")
            #expect(waits[1] < firstRetry * 4 + .seconds(2), "second wait \(waits[1])")
        }
        #expect(failed.map(\.answered) == [200])
    }
}
