/// The generator's one clock: seconds since the run began, on the monotonic clock, for send times, alert receipt
/// times and sleeps alike (the server is on the same machine, so no clocks are compared across hosts).
struct LoadClock: Sendable {
    let origin = ContinuousClock.now

    func now() -> Double { Self.seconds(ContinuousClock.now - origin) }

    func instant(_ seconds: Double) -> ContinuousClock.Instant { origin + .nanoseconds(Int64(seconds * 1e9)) }

    func sleep(until seconds: Double) async throws {
        try await Task.sleep(until: instant(seconds), clock: .continuous)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
