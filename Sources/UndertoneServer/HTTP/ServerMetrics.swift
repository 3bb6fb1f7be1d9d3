public import Foundation
import Hummingbird
public import Prometheus

/// The server's Prometheus metrics, in one registry that `GET /metrics` renders.
///
/// The registry is per server rather than the process-wide `MetricsSystem`, so tests can run several servers in
/// one process and read each one's figures.
public struct ServerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let accepted: Counter
    let done: Counter
    let failed: Counter
    let queued: Gauge
    let running: Gauge
    let analysisSeconds: DurationHistogram
    let realTimeFactor: ValueHistogram

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        accepted = registry.makeCounter(name: "undertone_calls_accepted_total", help: "Calls accepted by POST /v1/calls.")
        done = registry.makeCounter(name: "undertone_calls_done_total", help: "Calls analysed successfully.")
        failed = registry.makeCounter(name: "undertone_calls_failed_total", help: "Calls marked failed.")
        queued = registry.makeGauge(name: "undertone_queue_depth", help: "Calls waiting for a worker.")
        running = registry.makeGauge(name: "undertone_calls_running", help: "Calls being analysed.")
        analysisSeconds = registry.makeDurationHistogram(
            name: "undertone_analysis_seconds",
            buckets: [.milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2), .seconds(5),
                      .seconds(10), .seconds(30), .seconds(60), .seconds(300)],
            help: "Wall time of one call's analysis."
        )
        realTimeFactor = registry.makeValueHistogram(
            name: "undertone_analysis_realtime_factor",
            buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1],
            help: "Analysis wall time divided by the call's duration."
        )
    }

    func requestDuration(method: String, status: Int) -> DurationHistogram {
        registry.makeDurationHistogram(
            name: "undertone_http_request_duration_seconds", labels: [("method", method), ("status", "\(status)")],
            buckets: [.milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                      .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5)],
            help: "HTTP request latency, headers in to response out."
        )
    }

    /// The exposition text, after refreshing the queue gauges from the store.
    func render(store: any CallStore) async throws -> String {
        let counts = try await store.countByStatus()
        queued.set(Int64(counts[.queued] ?? 0))
        running.set(Int64(counts[.running] ?? 0))
        return registry.emitToString()
    }
}

/// Records every request's latency by method and status.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let metrics: ServerMetrics

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            metrics.requestDuration(method: request.method.rawValue, status: response.status.code).recordNanoseconds(
                (ContinuousClock.now - start).nanoseconds
            )
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.requestDuration(method: request.method.rawValue, status: status).recordNanoseconds((ContinuousClock.now - start).nanoseconds)
            throw error
        }
    }
}

extension Duration {
    var nanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
