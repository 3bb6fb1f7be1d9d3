import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOWebSocket
import Synchronization

/// What one load-test stream did: when each slot's completing message was sent, when it sent `stop` and the server
/// closed, and why it failed if it did.
struct StreamOutcome: Sendable {
    var index: Int
    /// Per slot, the ``LoadClock`` time just before its last message (the inbound track) was written.
    var sendTimes: [Double] = []
    var stopAt: Double?
    var closedAt: Double?
    var failure: String?
    /// Slots written more than one frame (20 ms) after they were due, and the latest one.
    var lateSlots = 0
    var maxLag = 0.0
}

/// One Twilio Media Streams call to `/v1/taps/twilio`: connected, start, `slots` slots of both tracks at real-time
/// pace, stop, then it waits for the server to finalize the call and close.
struct LoadStream: Sendable {
    let index: Int
    let script: TwilioStreamScript
    let frames: FixtureFrames
    let slots: Int
    let url: String
    let headers: HTTPFields
    let clock: LoadClock
    /// How long to wait for the server's close after `stop`.
    let closeWait: Duration
    let logger: Logger

    private final class Record: Sendable {
        let outcome: Mutex<StreamOutcome>
        let serverClosedAt = Mutex<Double?>(nil)
        init(_ index: Int) { outcome = Mutex(StreamOutcome(index: index)) }
    }

    func run() async -> StreamOutcome {
        let record = Record(index)
        do {
            let close = try await WebSocketClient.connect(
                url: url, configuration: .init(additionalHeaders: headers), logger: logger
            ) { inbound, outbound, _ in
                let reader = Task {
                    do { for try await _ in inbound.messages(maxSize: 1 << 16) {} } catch {}
                    let at = clock.now()
                    record.serverClosedAt.withLock { $0 = at }
                    return at
                }
                var outcome = StreamOutcome(index: index)
                defer { record.outcome.withLock { $0 = outcome } }
                outcome.sendTimes.reserveCapacity(slots)
                try await outbound.write(.text(script.connected))
                try await outbound.write(.text(script.start))
                let first = clock.now()
                for slot in 0..<slots {
                    let due = first + FramePacing.due(slot: slot)
                    try await clock.sleep(until: due)
                    if let closed = record.serverClosedAt.withLock({ $0 }) {
                        outcome.failure = "the server closed the stream at \(Self.format(closed - first)) s of audio, before stop"
                        return
                    }
                    let audio = frames.slot(stream: index, slot)
                    try await outbound.write(.text(script.media(slot: slot, track: 0, payload: audio.payloads[0])))
                    let sent = clock.now()
                    outcome.sendTimes.append(sent)
                    try await outbound.write(.text(script.media(slot: slot, track: 1, payload: audio.payloads[1])))
                    if sent - due > FramePacing.due(slot: 1) { outcome.lateSlots += 1 }
                    outcome.maxLag = max(outcome.maxLag, sent - due)
                }
                try await outbound.write(.text(script.stop(afterSlots: slots)))
                outcome.stopAt = clock.now()
                // The server finalizes the call (stores audio and report) and then closes.
                outcome.closedAt = await withTaskGroup(of: Double?.self) { group in
                    group.addTask { await reader.value }
                    group.addTask { try? await Task.sleep(for: closeWait); return nil }
                    defer { group.cancelAll() }
                    return await group.next() ?? nil
                }
                if outcome.closedAt == nil { try? await outbound.close(.normalClosure, reason: "load test done") }
            }
            record.outcome.withLock { outcome in
                if outcome.failure == nil, outcome.stopAt == nil {
                    outcome.failure = "the stream ended after \(outcome.sendTimes.count) of \(slots) slots"
                }
                if outcome.stopAt == nil, let close {
                    outcome.failure! += " (close \(close.closeCode)\(close.reason.map { ": \($0)" } ?? ""))"
                }
            }
        } catch {
            record.outcome.withLock { outcome in
                outcome.failure = "after \(outcome.sendTimes.count) of \(slots) slots: \(error)"
            }
        }
        return record.outcome.withLock { $0 }
    }

    static func format(_ seconds: Double) -> String { String(Double(Int((seconds * 10).rounded())) / 10) }
}
