import Synchronization

/// Wakes idle in-process workers when an upload is queued, so they need not wait for the next poll.
///
/// Each worker subscribes once; a notification is kept (at most one) until the worker next waits. Workers still
/// poll the store, so a missed wake-up only delays a job, never loses one.
final class JobSignal: Sendable {
    private let subscribers = Mutex<[AsyncStream<Void>.Continuation]>([])

    func subscribe() -> AsyncStream<Void> {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        subscribers.withLock { $0.append(continuation) }
        return stream
    }

    func notify() {
        for subscriber in subscribers.withLock({ $0 }) { subscriber.yield() }
    }
}

extension AsyncStream where Element == Void {
    /// Returns at the next element or after `timeout`, whichever comes first.
    func next(timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                var iterator = makeAsyncIterator()
                _ = await iterator.next()
            }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
        }
    }
}
