import Synchronization
import UndertoneTranscripts

/// The calls streaming now, by id: where `POST /v1/calls/{id}/transcript` leaves words for the call's own task,
/// which takes them before its next push (the analysis state never leaves that task).
final class ActiveCalls: Sendable {
    private let inboxes = Mutex<[String: [Word]]>([:])
    /// Words waiting across all calls: the per-push check is this one atomic load, the lock only when words wait.
    private let waiting = Atomic<Int>(0)

    func begin(_ id: String) { inboxes.withLock { $0[id] = [] } }

    func end(_ id: String) {
        let left = inboxes.withLock { $0.removeValue(forKey: id)?.count ?? 0 }
        if left > 0 { waiting.subtract(left, ordering: .releasing) }
    }

    /// Leaves words for a live call; false when no such call is streaming.
    func deliver(_ words: [Word], to id: String) -> Bool {
        inboxes.withLock { inboxes in
            guard inboxes[id] != nil else { return false }
            inboxes[id]!.append(contentsOf: words)
            waiting.add(words.count, ordering: .releasing)
            return true
        }
    }

    /// The words left for a call since the last take.
    func take(_ id: String) -> [Word] {
        guard waiting.load(ordering: .acquiring) > 0 else { return [] }
        return inboxes.withLock { inboxes in
            guard let words = inboxes[id], !words.isEmpty else { return [] }
            inboxes[id] = []
            waiting.subtract(words.count, ordering: .releasing)
            return words
        }
    }

    func isActive(_ id: String) -> Bool { inboxes.withLock { $0[id] != nil } }

    var count: Int { inboxes.withLock { $0.count } }
}
