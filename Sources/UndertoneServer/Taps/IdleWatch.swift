import Dispatch
import HummingbirdWebSocket
import ServiceLifecycle
import Synchronization

/// Ends a tap whose client has sent nothing for the idle timeout by closing its socket, which ends its read loop;
/// the call is then finalized like any other. Likewise when the server shuts down (1001 going away), so that the
/// call is stored with the audio that arrived before the server stops.
///
/// Idle means the read loop has been *waiting for the network* that long: a loop that is busy (or waiting for a
/// thread on a loaded machine) with frames already received is not idle, however long it takes.
final class IdleWatch: Sendable {
    /// When the loop began waiting for the next frame; 0 while it is handling one.
    private let waitingSince = Atomic<UInt64>(DispatchTime.now().uptimeNanoseconds)
    private let fired = Atomic<Bool>(false)
    private let handled = Atomic<Int>(0)

    /// Awaits the next frame of `messages`, marking the wait, and every 50 frames lets other calls' tasks run (a
    /// backlog read without suspending would otherwise hold a thread of the cooperative pool).
    func next(_ messages: inout WebSocketInboundMessageStream.AsyncIterator) async throws -> WebSocketMessage? {
        if handled.add(1, ordering: .relaxed).newValue.isMultiple(of: 50) { await Task.yield() }
        waitingSince.store(DispatchTime.now().uptimeNanoseconds, ordering: .relaxed)
        defer { waitingSince.store(0, ordering: .relaxed) }
        return try await messages.next()
    }

    /// Why the read loop ended, when it was not the client's doing: ``idleTimeout`` or ``serverShutdown``.
    var ending: String? {
        if fired.load(ordering: .relaxed) { return Self.idleTimeout }
        return Task.isShuttingDownGracefully ? Self.serverShutdown : nil
    }

    static let idleTimeout = "idle timeout"
    static let serverShutdown = "server shutdown"

    /// Runs `body` (the read loop) with the watch beside it.
    static func run(
        timeout: Duration, outbound: WebSocketOutboundWriter, _ body: (IdleWatch) async throws -> Void
    ) async throws {
        let watch = IdleWatch()
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await watch.watch(timeout: timeout, outbound: outbound) }
                defer { group.cancelAll() }
                try await body(watch)
            }
        } onGracefulShutdown: {
            Task { try? await outbound.close(.goingAway, reason: "server shutting down") }
        }
    }

    private func watch(timeout: Duration, outbound: WebSocketOutboundWriter) async throws {
        let limit = UInt64(timeout.components.seconds) * 1_000_000_000 + UInt64(timeout.components.attoseconds / 1_000_000_000)
        while true {
            try await Task.sleep(for: min(timeout / 4, .seconds(1)))
            let since = waitingSince.load(ordering: .relaxed)
            if since != 0, DispatchTime.now().uptimeNanoseconds - since > limit {
                fired.store(true, ordering: .relaxed)
                try? await outbound.close(.goingAway, reason: "no audio for \(timeout)")
                return
            }
        }
    }
}
