import Foundation

/// What a load test measured (`undertone-server loadtest`, text or `--json`).
struct LoadReport: Codable, Sendable {
    struct Streams: Codable, Sendable {
        var requested: Int
        var completed: Int
        var failed: Int
        /// The first failures, one line each.
        var failures: [String]
        var audioSecondsEach: Double
        var rampSeconds: Double
        /// How long all of them streamed at once.
        var concurrentSeconds: Double
        /// Slots the generator wrote more than 20 ms late (its own pacing), of all slots, and the latest one.
        var lateSlots: Int
        var slots: Int
        var maxLagSeconds: Double
        /// From `stop` to the server's close: the call's finalization.
        var finalize: LatencySummary
    }

    struct Alerts: Codable, Sendable {
        var count: Int
        var byKind: [String: Int]
        /// Alerts whose call is not one of this run's streams.
        var unmatched: Int
        /// Receipt minus the send time of the slot that completed the alert, for alerts raised while audio flowed.
        var latency: LatencySummary
        var deadAirLatency: LatencySummary
        /// Alerts raised when a stream ended, from its `stop`.
        var atStopLatency: LatencySummary
        /// Why the SSE stream ended before the run did (a dropped subscriber), if it did.
        var subscriberEnded: String?
    }

    struct Usage: Codable, Sendable {
        var pid: String
        var cpuSeconds: Double
        var wallSeconds: Double
        var cores: Double
        /// VmHWM at the end (bytes), and the largest VmRSS sampled each second of the run.
        var peakResidentBytes: Int
        var sampledPeakResidentBytes: Int
    }

    var streams: Streams
    var alerts: Alerts
    var server: Usage?
    var generator: Usage
    /// The share of both cores' time that was busy during the run, and the load averages before and after.
    var machineBusy: Double?
    var loadAverageBefore: String
    var loadAverageAfter: String
    var latencyBarSeconds: Double
    /// No stream failed, the subscriber was kept, and alert latency p99 is within the bar.
    var holds: Bool

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    var text: String {
        func f(_ value: Double) -> String { String(format: "%.1f", value) }
        func mb(_ bytes: Int) -> String { "\(bytes >> 20) MB" }
        var lines = [
            "\(streams.requested) Twilio streams × \(f(streams.audioSecondsEach)) s of audio, started over \(f(streams.rampSeconds)) s (all streaming for \(f(streams.concurrentSeconds)) s)",
            "streams: \(streams.completed) completed, \(streams.failed) failed",
        ]
        lines += streams.failures.map { "  \($0)" }
        let kinds = alerts.byKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        lines += [
            "alerts: \(alerts.count) (\(kinds.isEmpty ? "none" : kinds)); \(alerts.unmatched) not from this run's streams",
            "  delivery latency: \(alerts.latency.text)",
            "  dead air: \(alerts.deadAirLatency.text)",
            "  raised at stop (from stop): \(alerts.atStopLatency.text)",
            "  subscriber: \(alerts.subscriberEnded ?? "kept to the end")",
            "finalize (stop → close): \(streams.finalize.text)",
            "generator pacing: \(streams.lateSlots) of \(streams.slots) slots more than 20 ms late, latest \(Int((streams.maxLagSeconds * 1000).rounded())) ms",
        ]
        if let server {
            lines.append("server pid \(server.pid): \(f(server.cpuSeconds)) s CPU in \(f(server.wallSeconds)) s (\(String(format: "%.2f", server.cores)) cores), peak RSS \(mb(server.peakResidentBytes)) (VmHWM), \(mb(server.sampledPeakResidentBytes)) sampled")
        }
        lines += [
            "generator: \(f(generator.cpuSeconds)) s CPU (\(String(format: "%.2f", generator.cores)) cores), peak RSS \(mb(generator.peakResidentBytes))",
            "machine: \(machineBusy.map { "\(Int(($0 * 100).rounded())) % of all cores busy" } ?? "busy share unknown"); load average \(loadAverageBefore) before, \(loadAverageAfter) after",
            "holds (no stream failed, subscriber kept, alert p99 ≤ \(Int(latencyBarSeconds * 1000)) ms): \(holds ? "yes" : "no")",
        ]
        return lines.joined(separator: "\n")
    }
}
