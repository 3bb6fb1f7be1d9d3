import Foundation
import NIOCore
import Synchronization

/// Fans live alerts out to Server-Sent-Events subscribers.
///
/// Each subscriber has a bounded buffer; a subscriber that falls that far behind is dropped (its stream ends), so
/// publishing never waits for a reader and a slow supervisor screen never slows a call's analysis.
final class AlertHub: Sendable {
    /// Events a subscriber may have unread before it is dropped.
    static let bufferedEvents = 256

    private struct Subscriber {
        var callID: String?
        var continuation: AsyncStream<ByteBuffer>.Continuation
    }

    private let subscribers = Mutex<[UInt64: Subscriber]>([:])
    private let nextID = Atomic<UInt64>(0)

    /// Events of one call (`callID`) or of every live call (nil), as SSE frames; ends when the subscriber is dropped.
    func subscribe(callID: String?) -> AsyncStream<ByteBuffer> {
        let id = nextID.add(1, ordering: .relaxed).newValue
        let (stream, continuation) = AsyncStream.makeStream(
            of: ByteBuffer.self, bufferingPolicy: .bufferingOldest(Self.bufferedEvents)
        )
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        // A comment first, so a subscriber knows it is registered before any alert can be missed.
        continuation.yield(ByteBuffer(string: ": subscribed\n\n"))
        subscribers.withLock { $0[id] = Subscriber(callID: callID, continuation: continuation) }
        return stream
    }

    /// Sends one alert line (the `live` JSON with `callId`) to every subscriber of that call.
    func publish(callID: String, json: String) {
        let frame = ByteBuffer(string: "event: alert\ndata: \(json)\n\n")
        var dropped: [AsyncStream<ByteBuffer>.Continuation] = []
        subscribers.withLock { subscribers in
            for (id, subscriber) in subscribers where subscriber.callID == nil || subscriber.callID == callID {
                if case .dropped = subscriber.continuation.yield(frame) {
                    dropped.append(subscriber.continuation)
                    subscribers[id] = nil
                }
            }
        }
        for continuation in dropped { continuation.finish() }
    }

    /// Ends the per-call streams of a finished call.
    func callEnded(_ callID: String) {
        let ended = subscribers.withLock { subscribers in
            let ids = subscribers.filter { $0.value.callID == callID }.map(\.key)
            return ids.compactMap { subscribers.removeValue(forKey: $0)?.continuation }
        }
        for continuation in ended {
            continuation.yield(ByteBuffer(string: "event: end\ndata: {\"callId\":\"\(callID)\"}\n\n"))
            continuation.finish()
        }
    }

    var subscriberCount: Int { subscribers.withLock { $0.count } }

    private func remove(_ id: UInt64) {
        _ = subscribers.withLock { $0.removeValue(forKey: id) }
    }
}
