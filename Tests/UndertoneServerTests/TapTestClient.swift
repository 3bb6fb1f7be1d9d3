import AsyncHTTPClient
import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOCore
import NIOWebSocket
@testable import UndertoneServer

/// Drives the live taps through a real socket: Twilio and AudioHook message sequences built from the fixture
/// calls, and an SSE subscriber.
enum TapTestClient {
    static let logger: Logger = {
        var logger = Logger(label: "tap-test-client")
        logger.logLevel = .warning
        return logger
    }()

    /// The μ-law bytes of each channel of a fixture call (agent is channel 0, customer channel 1), read as the load
    /// generator reads them.
    static func fixtureChannels(_ stem: String) throws -> (agent: [UInt8], customer: [UInt8]) {
        let wav = Array(try Data(contentsOf: TestServer.calls.appendingPathComponent("\(stem).wav")))
        return try FixtureFrames.channels(of: wav, name: "\(stem).wav")
    }

    /// Twilio's messages for a call: connected, start, then 20 ms media chunks per track (inbound = customer,
    /// outbound = agent), then stop. `seconds` cuts a stretch of the fixture (its timestamps start at 0).
    static func twilioMessages(
        _ stem: String, tracks: [String] = ["inbound", "outbound"], custom: [String: String] = [:], callSid: String? = nil,
        seconds: Range<Double>? = nil
    ) throws -> [String] {
        let (agent, customer) = try fixtureChannels(stem)
        let callSid = callSid ?? "CA\(stem)"
        var messages = [#"{"event":"connected","protocol":"Call","version":"1.0.0"}"#]
        let parameters = try String(decoding: JSONSerialization.data(withJSONObject: custom), as: UTF8.self)
        let trackList = tracks.map { "\"\($0)\"" }.joined(separator: ",")
        messages.append(#"{"event":"start","sequenceNumber":"1","start":{"accountSid":"AC1","streamSid":"MZ1","callSid":"\#(callSid)","tracks":[\#(trackList)],"customParameters":\#(parameters),"mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1}},"streamSid":"MZ1"}"#)
        let first = Int((seconds?.lowerBound ?? 0) * 50), end = min(agent.count / 160, seconds.map { Int($0.upperBound * 50) } ?? .max)
        var sequence = 1
        for chunk in 0..<(end - first) {
            for track in tracks {
                let bytes = track == "inbound" ? customer : agent
                let offset = (first + chunk) * 160
                let payload = Data(bytes[offset..<(offset + 160)]).base64EncodedString()
                sequence += 1
                messages.append(#"{"event":"media","sequenceNumber":"\#(sequence)","media":{"track":"\#(track)","chunk":"\#(chunk + 1)","timestamp":"\#(chunk * 20)","payload":"\#(payload)"},"streamSid":"MZ1"}"#)
            }
        }
        messages.append(#"{"event":"stop","sequenceNumber":"\#(sequence + 1)","stop":{"accountSid":"AC1","callSid":"\#(callSid)"},"streamSid":"MZ1"}"#)
        return messages
    }

    /// An AudioHook text message from the client.
    static func audioHook(_ type: String, seq: Int, serverseq: Int = 0, id: String = sessionID, position: String = "PT0S", _ parameters: String = "{}") -> WebSocketOutboundWriter.OutboundFrame {
        .text(#"{"version":"2","id":"\#(id)","type":"\#(type)","seq":\#(seq),"serverseq":\#(serverseq),"position":"\#(position)","parameters":\#(parameters)}"#)
    }

    static let sessionID = "e160e428-53e2-487c-977d-96989bf5c99d"
    static let organizationID = "d7934305-0972-4844-938e-9060eef73d05"

    /// `open` offering `media` (JSON objects).
    static func audioHookOpen(media: [String], conversation: String = "090eaa2f-72fa-480a-83e0-8667ff89c0ec") -> WebSocketOutboundWriter.OutboundFrame {
        audioHook("open", seq: 1, #"{"organizationId":"\#(organizationID)","conversationId":"\#(conversation)","participant":{"id":"883efee8-3d6c-4537-b500-6d7ca4b92fa0","ani":"+1-555-555-1234","aniName":"John Doe","dnis":"+1-800-555-6789"},"media":[\#(media.joined(separator: ","))],"language":"en-US"}"#)
    }

    /// The fixture call as AudioHook PCMU stereo frames of 100 ms, external (customer) first.
    static func audioHookAudio(_ stem: String) throws -> [WebSocketOutboundWriter.OutboundFrame] {
        let (agent, customer) = try fixtureChannels(stem)
        var frames: [WebSocketOutboundWriter.OutboundFrame] = []
        for start in stride(from: 0, to: agent.count - 800, by: 800) {
            var bytes: [UInt8] = []
            for index in start..<(start + 800) { bytes += [customer[index], agent[index]] }
            frames.append(.binary(ByteBuffer(bytes: bytes)))
        }
        return frames
    }

    /// What one WebSocket session saw: the server's text messages and its close frame.
    struct Session: Sendable {
        var received: [String]
        var closeCode: WebSocketErrorCode?
        var closeReason: String?
        /// When each audio frame (a Twilio `media` message or a binary frame) was handed to the socket: a lower
        /// bound of when it reached the server.
        var sent: [ContinuousClock.Instant]
    }

    /// Connects, sends `frames` (audio frames `pace` apart when set; `progress` is told how many are written), then
    /// reads until the server closes or `linger` passes (then the client closes: `.zero` right after the last frame).
    /// The server answers every frame before the close, so replies are read either way.
    static func run(
        port: Int, path: String, headers: HTTPFields, frames: [WebSocketOutboundWriter.OutboundFrame],
        pace: Duration? = nil, linger: Duration = .seconds(60), progress: AsyncStream<Int>.Continuation? = nil
    ) async throws -> Session {
        let received = Locked<[String]>([])
        let sent = Locked<[ContinuousClock.Instant]>([])
        let close = try await WebSocketClient.connect(
            url: "ws://127.0.0.1:\(port)\(path)", configuration: .init(additionalHeaders: headers), logger: logger
        ) { inbound, outbound, _ in
            let serverClosed = Locked(false)
            let reader = Task {
                defer { serverClosed.withLock { $0 = true } }
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    if case .text(let text) = message { received.withLock { $0.append(text) } }
                }
            }
            let start = ContinuousClock.now
            var audio = 0
            for frame in frames {
                var isAudio = false
                switch frame {
                case .text(let text): isAudio = text.contains(#""event":"media""#)
                case .binary: isAudio = true
                default: break
                }
                if isAudio {
                    audio += 1
                    if let pace { try await Task.sleep(until: start + pace * audio) }
                }
                // Frames written after the server's close would never be read (the socket stays writable until it goes).
                if serverClosed.value { break }
                if isAudio { sent.withLock { $0.append(.now) } }
                do { try await outbound.write(frame) } catch { break }
                if isAudio { progress?.yield(audio) }
            }
            // The server closes when the protocol says the stream ended; else the client does, after `linger`.
            let closer = Task {
                try await Task.sleep(for: linger)
                try? await outbound.close(.normalClosure, reason: "test done")
            }
            _ = try? await reader.value
            closer.cancel()
        }
        return Session(received: received.value, closeCode: close?.closeCode, closeReason: close?.reason, sent: sent.value)
    }

    /// A value behind a lock, for what the socket tasks collect.
    final class Locked<Value>: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Value
        init(_ value: Value) { stored = value }
        func withLock<Result>(_ body: (inout Value) -> Result) -> Result { lock.withLock { body(&stored) } }
        var value: Value { lock.withLock { stored } }
    }

    /// One Server-Sent Event: its name, its JSON data and when it arrived.
    struct Event: @unchecked Sendable {
        var name: String
        var json: [String: Any]
        var at: ContinuousClock.Instant
    }

    /// Subscribes to an SSE stream and collects its events; ``wait(for:until:)`` waits for the ones a test expects.
    final class Subscriber: Sendable {
        private struct State {
            var events: [Event] = []
            var ended = false
            /// Each waiting ``wait(for:until:)``, woken on every event and when the stream ends.
            var waiters: [Int: AsyncStream<Void>.Continuation] = [:]
            var nextWaiter = 0
        }

        private let state = Locked(State())
        private let task: Task<Void, any Error>

        /// Returns once the server has answered, which it does after registering the subscriber.
        init(port: Int, path: String, key: String) async throws {
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
            request.headers.add(name: "Authorization", value: "Bearer \(key)")
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(600))
            task = Task { [state] in
                defer {
                    let waiters = state.withLock { $0.ended = true; return $0.waiters.values }
                    for waiter in waiters { waiter.finish() }
                }
                var pending = ""
                for try await buffer in response.body {
                    pending += String(buffer: buffer)
                    while let end = pending.range(of: "\n\n") {
                        let block = pending[..<end.lowerBound]
                        pending = String(pending[end.upperBound...])
                        let lines = block.split(separator: "\n")
                        guard let name = lines.first(where: { $0.hasPrefix("event: ") })?.dropFirst(7),
                              let data = lines.first(where: { $0.hasPrefix("data: ") })?.dropFirst(6),
                              let json = try? JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any] else { continue }
                        let event = Event(name: String(name), json: json, at: .now)
                        let waiters = state.withLock { $0.events.append(event); return $0.waiters.values }
                        for waiter in waiters { waiter.yield() }
                    }
                }
            }
        }

        var all: [Event] { state.value.events }
        /// Whether the server ended the stream (or the connection went).
        var ended: Bool { state.value.ended }
        var alerts: [Event] { all.filter { $0.name == "alert" } }

        /// Waits until `done` holds for the events so far, the stream ends or `timeout` passes; whether `done` held.
        func wait(for timeout: Duration, until done: @escaping @Sendable ([Event]) -> Bool) async -> Bool {
            let (updates, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
            let id = state.withLock { state in
                state.nextWaiter += 1
                state.waiters[state.nextWaiter] = continuation
                if state.ended { continuation.finish() }
                return state.nextWaiter
            }
            defer { _ = state.withLock { $0.waiters.removeValue(forKey: id) } }
            return await withTaskGroup(of: Bool.self) { group in
                group.addTask { [state] in
                    if done(state.value.events) { return true }
                    for await _ in updates where done(state.value.events) { return true }
                    return done(state.value.events)
                }
                group.addTask {
                    try? await Task.sleep(for: timeout)
                    return false
                }
                let first = await group.next() ?? false
                group.cancelAll()
                return first
            }
        }

        /// Waits for the stream's `end` event (a per-call stream sends it once the call is stored).
        func waitForEnd(_ timeout: Duration) async -> Bool {
            await wait(for: timeout) { $0.contains { $0.name == "end" } }
        }

        func cancel() { task.cancel() }
    }
}
