import AsyncHTTPClient
import Foundation
import HTTPTypes
import NIOCore
import Logging
import Synchronization

/// Runs a load test against a running `undertone-server serve`: N Twilio streams of the fixture calls at real-time
/// pace with staggered starts, one `GET /v1/live/alerts` subscriber, and the server's CPU and memory from /proc.
struct LoadGenerator: Sendable {
    /// `http://host:port` of the server.
    var baseURL: String
    /// An ingest (or admin) key for the taps, and a qa (or admin) key for the alerts and call lookups.
    var key: String
    var alertsKey: String
    var streams: Int
    var secondsEach: Double
    var ramp: Double
    /// Seconds to keep listening for alerts after the last stream closed.
    var linger: Double
    var frames: FixtureFrames
    var serverPID: String?
    var latencyBar: Double
    var logger: Logger

    func run() async throws -> LoadReport {
        let clock = LoadClock()
        let run = String(UInt32.random(in: .min ... .max), radix: 16).leftPadded(to: 8)
        let subscriber = try await AlertSubscriber.subscribe(baseURL: baseURL, key: alertsKey, clock: clock)
        let loadBefore = MachineCPU.loadAverage
        let machineBefore = MachineCPU.read()
        let serverBefore = try serverPID.map { try ProcessUsage.read(pid: $0) }
        let generatorBefore = try ProcessUsage.read(pid: "self")
        let started = clock.now()
        let sampledPeak = Mutex(serverBefore?.residentBytes ?? 0)
        let sampler = Task {
            while !Task.isCancelled, let serverPID {
                if let usage = try? ProcessUsage.read(pid: serverPID) { sampledPeak.withLock { $0 = max($0, usage.residentBytes) } }
                try? await Task.sleep(for: .seconds(1))
            }
        }

        let slots = FramePacing.slots(seconds: secondsEach)
        let wsURL = baseURL.replacingOccurrences(of: "http://", with: "ws://") + "/v1/taps/twilio"
        let headers: HTTPFields = [.authorization: "Bearer \(key)"]
        let outcomes = await withTaskGroup(of: StreamOutcome.self) { group in
            for index in 0..<streams {
                let stream = LoadStream(
                    index: index, script: TwilioStreamScript(run: run, index: index), frames: frames, slots: slots,
                    url: wsURL, headers: headers, clock: clock, closeWait: .seconds(60), logger: logger
                )
                let startAt = started + FramePacing.startOffset(stream: index, of: streams, ramp: ramp)
                group.addTask {
                    try? await clock.sleep(until: startAt)
                    return await stream.run()
                }
            }
            var outcomes: [StreamOutcome] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes.sorted { $0.index < $1.index }
        }
        try? await clock.sleep(until: clock.now() + linger)
        let (alerts, subscriberEnded) = subscriber.stop()
        sampler.cancel()
        let wall = clock.now() - started
        let serverAfter = try serverPID.map { try ProcessUsage.read(pid: $0) }
        let generatorAfter = try ProcessUsage.read(pid: "self")
        let machineBusy = machineBefore.flatMap { before in MachineCPU.read()?.busyFraction(since: before) }

        let streamOf = await resolveStreams(Set(alerts.map(\.callID)), run: run)
        var latencies: [Double] = [], deadAir: [Double] = [], atStop: [Double] = []
        var unmatched = 0
        for alert in alerts {
            guard let index = streamOf[alert.callID], outcomes.indices.contains(index) else {
                unmatched += 1
                continue
            }
            let outcome = outcomes[index]
            let slot = FramePacing.slot(completedBy: alert.audioTime)
            if let stopAt = outcome.stopAt, slot >= outcome.sendTimes.count - 1, alert.at >= stopAt {
                atStop.append(alert.at - stopAt)
            } else if slot < outcome.sendTimes.count {
                latencies.append(alert.at - outcome.sendTimes[slot])
                if alert.kind == "deadAir" { deadAir.append(latencies.last!) }
            } else {
                unmatched += 1
            }
        }
        let failures = outcomes.compactMap { outcome in outcome.failure.map { "stream \(outcome.index): \($0)" } }
        let latency = LatencySummary(latencies)
        func usage(_ pid: String, _ before: ProcessUsage, _ after: ProcessUsage, sampled: Int) -> LoadReport.Usage {
            LoadReport.Usage(
                pid: pid, cpuSeconds: after.cpuSeconds - before.cpuSeconds, wallSeconds: wall,
                cores: (after.cpuSeconds - before.cpuSeconds) / wall, peakResidentBytes: after.peakResidentBytes,
                sampledPeakResidentBytes: max(sampled, after.residentBytes)
            )
        }
        return LoadReport(
            streams: .init(
                requested: streams, completed: streams - failures.count, failed: failures.count,
                failures: Array(failures.prefix(10)), audioSecondsEach: FramePacing.due(slot: slots), rampSeconds: ramp,
                concurrentSeconds: max(0, FramePacing.due(slot: slots) - ramp),
                lateSlots: outcomes.map(\.lateSlots).reduce(0, +), slots: outcomes.map(\.sendTimes.count).reduce(0, +),
                maxLagSeconds: outcomes.map(\.maxLag).max() ?? 0,
                finalize: LatencySummary(outcomes.compactMap { outcome in outcome.closedAt.flatMap { at in outcome.stopAt.map { at - $0 } } })
            ),
            alerts: .init(
                count: alerts.count, byKind: Dictionary(alerts.map { ($0.kind, 1) }, uniquingKeysWith: +), unmatched: unmatched,
                latency: latency, deadAirLatency: LatencySummary(deadAir), atStopLatency: LatencySummary(atStop),
                subscriberEnded: subscriberEnded
            ),
            server: serverPID.flatMap { pid in
                serverBefore.flatMap { before in serverAfter.map { usage(pid, before, $0, sampled: sampledPeak.withLock { $0 }) } }
            },
            generator: usage("self", generatorBefore, generatorAfter, sampled: 0),
            machineBusy: machineBusy, loadAverageBefore: loadBefore, loadAverageAfter: MachineCPU.loadAverage,
            latencyBarSeconds: latencyBar,
            holds: failures.isEmpty && subscriberEnded == nil && (latency.p99 ?? 0) <= latencyBar
        )
    }

    /// Which stream each alerting call is: `GET /v1/calls/{id}` names the call's audio `twilio-<callSid>.wav`.
    private func resolveStreams(_ callIDs: Set<String>, run: String) async -> [String: Int] {
        struct Call: Decodable {
            struct Audio: Decodable { var name: String }
            var audio: Audio
        }
        var found: [String: Int] = [:]
        for id in callIDs {
            var request = HTTPClientRequest(url: "\(baseURL)/v1/calls/\(id)")
            request.headers.add(name: "Authorization", value: "Bearer \(alertsKey)")
            guard let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(30)), response.status == .ok,
                  let body = try? await response.body.collect(upTo: 1 << 20),
                  let call = try? JSONDecoder().decode(Call.self, from: Data(buffer: body)),
                  let index = TwilioStreamScript.streamIndex(audioName: call.audio.name, run: run) else { continue }
            found[id] = index
        }
        return found
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
