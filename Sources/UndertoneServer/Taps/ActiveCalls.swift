import Synchronization
import UndertoneTranscripts

/// The calls streaming now, by id: where `POST /v1/calls/{id}/transcript` leaves words for the call's own task,
/// which takes them before its next push (the analysis state never leaves that task).
///
/// A call stays here while it is being finalized (no longer taking words), so that a subscriber to its alerts
/// in that window is given the live stream, which ends once the call is stored, and not the stored alerts of a
/// call not stored yet.
final class ActiveCalls: Sendable {
    private struct State {
        var inboxes: [String: [Word]] = [:]
        var finishing: Set<String> = []
    }

    private let state = Mutex(State())
    /// Words waiting across all calls: the per-push check is this one atomic load, the lock only when words wait.
    private let waiting = Atomic<Int>(0)

    func begin(_ id: String) { state.withLock { $0.inboxes[id] = [] } }

    /// The call takes no more words: it is being finalized.
    func stopTaking(_ id: String) {
        let left = state.withLock { state in
            guard let words = state.inboxes.removeValue(forKey: id) else { return 0 }
            state.finishing.insert(id)
            return words.count
        }
        if left > 0 { waiting.subtract(left, ordering: .releasing) }
    }

    /// The call is stored (or could not be): it is no longer active.
    func end(_ id: String) {
        stopTaking(id)
        _ = state.withLock { $0.finishing.remove(id) }
    }

    /// Leaves words for a live call; false when no such call is streaming.
    func deliver(_ words: [Word], to id: String) -> Bool {
        state.withLock { state in
            guard state.inboxes[id] != nil else { return false }
            state.inboxes[id]!.append(contentsOf: words)
            waiting.add(words.count, ordering: .releasing)
            return true
        }
    }

    /// The words left for a call since the last take.
    func take(_ id: String) -> [Word] {
        guard waiting.load(ordering: .acquiring) > 0 else { return [] }
        return state.withLock { state in
            guard let words = state.inboxes[id], !words.isEmpty else { return [] }
            state.inboxes[id] = []
            waiting.subtract(words.count, ordering: .releasing)
            return words
        }
    }

    /// Whether the call is streaming or being finalized on this server.
    func isActive(_ id: String) -> Bool { state.withLock { $0.inboxes[id] != nil || $0.finishing.contains(id) } }
}
