import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization

/// The load generator's `GET /v1/live/alerts` subscriber: each alert event's call, kind and `audioTime`, stamped on
/// the generator's clock when its bytes arrived.
final class AlertSubscriber: Sendable {
    struct Received: Sendable {
        var callID: String
        var kind: String
        var audioTime: Double
        /// When the chunk holding the event arrived (``LoadClock`` seconds).
        var at: Double
    }

    private struct AlertJSON: Decodable {
        var callId: String
        var kind: String
        var audioTime: Double
    }

    private struct State {
        var alerts: [Received] = []
        var subscribed = false
        /// Why the stream ended before the generator stopped it (the hub drops a subscriber that falls behind).
        var ended: String?
        var stopped = false
    }

    private let state = Mutex(State())
    private let task = Mutex<Task<Void, Never>?>(nil)

    /// Subscribes with `key` (role qa or admin) and returns once the server's `: subscribed` comment arrived.
    static func subscribe(baseURL: String, key: String, clock: LoadClock) async throws -> AlertSubscriber {
        var request = HTTPClientRequest(url: "\(baseURL)/v1/live/alerts")
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        let response = try await HTTPClient.shared.execute(request, deadline: .now() + .hours(24))
        guard response.status == .ok else {
            throw LoadTestError("GET /v1/live/alerts answered \(response.status.code): is --alerts-key a qa or admin key?")
        }
        let subscriber = AlertSubscriber()
        subscriber.task.withLock { $0 = Task { await subscriber.read(response.body, clock: clock) } }
        for _ in 0..<200 where !subscriber.state.withLock({ $0.subscribed }) {
            try await Task.sleep(for: .milliseconds(50))
        }
        guard subscriber.state.withLock({ $0.subscribed }) else { throw LoadTestError("GET /v1/live/alerts: no `: subscribed` within 10 s") }
        return subscriber
    }

    private func read(_ body: HTTPClientResponse.Body, clock: LoadClock) async {
        var pending: [UInt8] = []
        do {
            for try await buffer in body {
                let at = clock.now()
                pending += buffer.readableBytesView
                while let end = Self.eventEnd(in: pending) {
                    take(pending[..<end], at: at)
                    pending.removeFirst(end + 2)
                }
            }
            state.withLock { if !$0.stopped { $0.ended = "the server ended the alert stream" } }
        } catch {
            state.withLock { if !$0.stopped { $0.ended = "the alert stream failed: \(error)" } }
        }
    }

    /// Where the first event ends (its blank line).
    private static func eventEnd(in bytes: [UInt8]) -> Int? {
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            if bytes[index] == 10, bytes[index + 1] == 10 { return index }
            index += 1
        }
        return nil
    }

    private func take(_ event: ArraySlice<UInt8>, at: Double) {
        let text = String(decoding: event, as: UTF8.self)
        if text.hasPrefix(": subscribed") { state.withLock { $0.subscribed = true } }
        guard text.hasPrefix("event: alert"),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("data: ") }),
              let alert = try? JSONDecoder().decode(AlertJSON.self, from: Data(line.dropFirst(6).utf8)) else { return }
        state.withLock { $0.alerts.append(Received(callID: alert.callId, kind: alert.kind, audioTime: alert.audioTime, at: at)) }
    }

    /// Stops listening; the alerts received and why the stream ended early, if it did.
    func stop() -> (alerts: [Received], ended: String?) {
        let result = state.withLock { state in
            state.stopped = true
            return (state.alerts, state.ended)
        }
        task.withLock { $0?.cancel() }
        return result
    }
}
