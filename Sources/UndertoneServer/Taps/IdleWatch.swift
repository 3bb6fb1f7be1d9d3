import Dispatch
import HummingbirdWebSocket
import Synchronization

/// Ends a tap that has received no audio for the idle timeout by closing its socket, which ends its read loop;
/// the call is then finalized like any other.
final class IdleWatch: Sendable {
    private let lastAudio = Atomic<UInt64>(DispatchTime.now().uptimeNanoseconds)
    private let fired = Atomic<Bool>(false)

    /// Marks audio as received now (one atomic store per push).
    func touch() { lastAudio.store(DispatchTime.now().uptimeNanoseconds, ordering: .relaxed) }

    /// Whether the watch closed the socket.
    var expired: Bool { fired.load(ordering: .relaxed) }

    /// Runs `body` (the read loop) with the watch beside it.
    static func run(
        timeout: Duration, outbound: WebSocketOutboundWriter, _ body: (IdleWatch) async throws -> Void
    ) async throws {
        let watch = IdleWatch()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await watch.watch(timeout: timeout, outbound: outbound) }
            defer { group.cancelAll() }
            try await body(watch)
        }
    }

    private func watch(timeout: Duration, outbound: WebSocketOutboundWriter) async throws {
        let limit = UInt64(timeout.components.seconds) * 1_000_000_000 + UInt64(timeout.components.attoseconds / 1_000_000_000)
        while true {
            try await Task.sleep(for: min(timeout / 4, .seconds(1)))
            if DispatchTime.now().uptimeNanoseconds - lastAudio.load(ordering: .relaxed) > limit {
                fired.store(true, ordering: .relaxed)
                try? await outbound.close(.goingAway, reason: "no audio for \(timeout)")
                return
            }
        }
    }
}
