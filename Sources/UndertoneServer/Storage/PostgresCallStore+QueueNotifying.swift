import PostgresNIO

/// Queued calls announced with PostgreSQL's `NOTIFY`, heard by `worker` processes with `LISTEN`.
extension PostgresCallStore: QueueNotifying {
    static let queueChannel = "undertone_queued"

    /// Announces a newly queued call to listening workers.
    func notifyQueued() async {
        do {
            try await client.query("NOTIFY \(unescaped: Self.queueChannel)", logger: logger)
        } catch {
            logger.warning("cannot notify workers of a queued call (they find it at their next poll): \(error)")
        }
    }

    func forwardQueuedNotifications(to wake: @escaping @Sendable () -> Void) async {
        while !Task.isCancelled {
            do {
                try await client.withConnection { connection in
                    try await connection.listen(on: Self.queueChannel) { notifications in
                        wake()  // calls queued before the LISTEN took effect
                        for try await _ in notifications { wake() }
                    }
                }
            } catch {
                guard !Task.isCancelled else { return }
                logger.warning("not listening for queued calls (workers keep polling): \(error)")
                try? await Task.sleep(for: .seconds(5))
            }
        }
    }
}
