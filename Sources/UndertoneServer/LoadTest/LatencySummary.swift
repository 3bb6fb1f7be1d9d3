/// Percentiles of a set of latencies (seconds), by the nearest-rank method: the p-th percentile of n sorted values
/// is the value at rank ⌈p/100 · n⌉, so it is always one of the measured values.
struct LatencySummary: Codable, Equatable, Sendable {
    var count: Int
    var p50: Double?
    var p95: Double?
    var p99: Double?
    var max: Double?

    init(_ values: [Double]) {
        let sorted = values.sorted()
        count = sorted.count
        p50 = Self.percentile(50, of: sorted)
        p95 = Self.percentile(95, of: sorted)
        p99 = Self.percentile(99, of: sorted)
        max = sorted.last
    }

    /// The nearest-rank `p`-th percentile of ascending `sorted`; nil when it is empty.
    static func percentile(_ p: Double, of sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.min(Swift.max(rank, 1), sorted.count) - 1]
    }

    /// "p50 12 ms, p95 …", or "none".
    var text: String {
        guard let p50, let p95, let p99, let max else { return "none" }
        func ms(_ seconds: Double) -> String { "\(Int((seconds * 1000).rounded())) ms" }
        return "p50 \(ms(p50)), p95 \(ms(p95)), p99 \(ms(p99)), max \(ms(max)) (\(count))"
    }
}
