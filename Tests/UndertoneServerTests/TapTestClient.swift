import AsyncHTTPClient
import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import NIOCore
import NIOWebSocket
import Synchronization
@testable import UndertoneServer

/// Drives the live taps through a real socket: Twilio and AudioHook message sequences built from the fixture
/// calls, and an SSE subscriber.
enum TapTestClient {
    static let logger: Logger = {
        var logger = Logger(label: "tap-test-client")
        logger.logLevel = .warning
        return logger
    }()

    /// The μ-law bytes of each channel of a fixture call (agent is channel 0, customer channel 1).
    static func fixtureChannels(_ stem: String) throws -> (agent: [UInt8], customer: [UInt8]) {
        let wav = Array(try Data(contentsOf: TestServer.calls.appendingPathComponent("\(stem).wav")))
        var offset = 12
        while offset + 8 <= wav.count {
            let size = Int(wav[offset + 4]) | Int(wav[offset + 5]) << 8 | Int(wav[offset + 6]) << 16 | Int(wav[offset + 7]) << 24
            if wav[offset..<offset + 4].elementsEqual("data".utf8) {
                let data = wav[(offset + 8)..<min(wav.count, offset + 8 + size)]
                var agent: [UInt8] = [], customer: [UInt8] = []
                for (index, byte) in data.enumerated() {
                    if index.isMultiple(of: 2) { agent.append(byte) } else { customer.append(byte) }
                }
                return (agent, customer)
            }
            offset += 8 + size + (size & 1)
        }
        throw CallStoreError("\(stem).wav has no data chunk")
    }

    /// Twilio's messages for a call: connected, start, then 20 ms media chunks per track (inbound = customer,
    /// outbound = agent), then stop.
    static func twilioMessages(_ stem: String, tracks: [String] = ["inbound", "outbound"], custom: [String: String] = [:]) throws -> [String] {
        let (agent, customer) = try fixtureChannels(stem)
        var messages = [#"{"event":"connected","protocol":"Call","version":"1.0.0"}"#]
        let parameters = try String(decoding: JSONSerialization.data(withJSONObject: custom), as: UTF8.self)
        let trackList = tracks.map { "\"\($0)\"" }.joined(separator: ",")
        messages.append(#"{"event":"start","sequenceNumber":"1","start":{"accountSid":"AC1","streamSid":"MZ1","callSid":"CA\#(stem)","tracks":[\#(trackList)],"customParameters":\#(parameters),"mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1}},"streamSid":"MZ1"}"#)
        var sequence = 1
        for chunk in 0..<(agent.count / 160) {
            for track in tracks {
                let bytes = track == "inbound" ? customer : agent
                let payload = Data(bytes[(chunk * 160)..<(chunk * 160 + 160)]).base64EncodedString()
                sequence += 1
                messages.append(#"{"event":"media","sequenceNumber":"\#(sequence)","media":{"track":"\#(track)","chunk":"\#(chunk + 1)","timestamp":"\#(chunk * 20)","payload":"\#(payload)"},"streamSid":"MZ1"}"#)
            }
        }
        messages.append(#"{"event":"stop","sequenceNumber":"\#(sequence + 1)","stop":{"accountSid":"AC1","callSid":"CA\#(stem)"},"streamSid":"MZ1"}"#)
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
        /// When the first frame was sent: audio time T of a paced stream was sent at `started + T`.
        var started: ContinuousClock.Instant
    }

    /// Connects, sends `frames` (audio frames `pace` apart when set), then reads until the server closes or
    /// `linger` passes.
    static func run(
        port: Int, path: String, headers: HTTPFields, frames: [WebSocketOutboundWriter.OutboundFrame],
        pace: Duration? = nil, linger: Duration = .seconds(10)
    ) async throws -> Session {
        let received = Received()
        let started = Mutex<ContinuousClock.Instant>(.now)
        let close = try await WebSocketClient.connect(
            url: "ws://127.0.0.1:\(port)\(path)", configuration: .init(additionalHeaders: headers), logger: logger
        ) { inbound, outbound, _ in
            let reader = Task {
                for try await message in inbound.messages(maxSize: 1 << 20) {
                    if case .text(let text) = message { received.append(text) }
                }
            }
            let start = ContinuousClock.now
            started.withLock { $0 = start }
            var audio = 0
            for frame in frames {
                if let pace {
                    if case .text(let text) = frame, text.contains(#""event":"media""#) { audio += 1 }
                    if case .binary = frame { audio += 1 }
                    try await Task.sleep(until: start + pace * audio)
                }
                do { try await outbound.write(frame) } catch { break }
            }
            // The server closes when the protocol says the stream ended; else the client does, after `linger`.
            let closer = Task {
                try await Task.sleep(for: linger)
                try? await outbound.close(.normalClosure, reason: "test done")
            }
            _ = try? await reader.value
            closer.cancel()
        }
        return Session(received: received.all, closeCode: close?.closeCode, closeReason: close?.reason, started: started.withLock { $0 })
    }

    final class Received: @unchecked Sendable {
        private let lock = NSLock()
        private var messages: [String] = []
        func append(_ text: String) { lock.withLock { messages.append(text) } }
        var all: [String] { lock.withLock { messages } }
    }

    /// Subscribes to an SSE stream; each `alert` event's JSON with the time it arrived.
    final class Subscriber: @unchecked Sendable {
        private let lock = NSLock()
        private var events: [(json: [String: Any], at: ContinuousClock.Instant)] = []
        private var task: Task<Void, any Error>?
        private(set) var subscribed = false

        init(port: Int, path: String, key: String) async throws {
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
            request.headers.add(name: "Authorization", value: "Bearer \(key)")
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(600))
            task = Task { [weak self] in
                var pending = ""
                for try await buffer in response.body {
                    pending += String(buffer: buffer)
                    while let end = pending.range(of: "\n\n") {
                        let event = String(pending[..<end.lowerBound])
                        pending = String(pending[end.upperBound...])
                        self?.take(event)
                    }
                }
            }
        }

        private func take(_ event: String) {
            let now = ContinuousClock.now
            guard event.hasPrefix("event: alert"), let line = event.split(separator: "\n").first(where: { $0.hasPrefix("data: ") }),
                  let json = try? JSONSerialization.jsonObject(with: Data(line.dropFirst(6).utf8)) as? [String: Any] else { return }
            lock.withLock { events.append((json, now)) }
        }

        var alerts: [(json: [String: Any], at: ContinuousClock.Instant)] { lock.withLock { events } }

        func cancel() { task?.cancel() }
    }
}
