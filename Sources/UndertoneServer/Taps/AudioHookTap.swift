import Foundation
import HummingbirdWebSocket
import Logging
import UndertoneAudio

/// `/v1/taps/audiohook`: the server role of Genesys Cloud AudioHook (protocol version 2), one session one call.
///
/// `open` is answered with `opened` naming one offered format (stereo before mono, PCMU 8 kHz or L16 8/16 kHz;
/// `external` is the customer, `internal` the agent); binary frames then carry the audio, interleaved in the chosen
/// channel order. `ping` → `pong`, `update` → `updated`, `paused`/`resumed`/`discarded` keep the timeline (the
/// discarded span becomes silence), `close` → `closed` and the call is finalized. Every message's `seq` must be
/// one more than the last and `serverseq` no more than ours, its `id` the session's; a violation, a bad signature or
/// audio outside the active state is answered with `disconnect` (`error` or `unauthorized`), as the reference
/// server does, after which only `close` is answered. A connection probe (all-zero conversation) is answered but
/// not stored.
struct AudioHookTap {
    let services: TapServices
    /// Why the upgrade's signature was not accepted (nil: valid, or none needed).
    let signatureFailure: String?
    /// `Audiohook-Session-Id` and `Audiohook-Organization-Id` of the upgrade request.
    let sessionID: String?
    let organizationID: String?
    static let maxMessageBytes = 65_535 + 1
    static let probeConversation = "00000000-0000-0000-0000-000000000000"

    private enum State { case awaitingOpen, active, paused, disconnecting }

    /// A protocol violation: answered with `disconnect`.
    private struct Violation: Error {
        var reason: String
        var info: String
    }

    /// The server side of one session: sequence numbers and the frames it sends.
    private struct Session {
        var id: String
        let outbound: WebSocketOutboundWriter
        var serverSeq = 0
        var clientSeq = 0

        mutating func send(_ type: String, _ parameters: [String: Any] = [:]) async throws {
            serverSeq += 1
            let message: [String: Any] = ["version": "2", "type": type, "id": id, "seq": serverSeq, "clientseq": clientSeq, "parameters": parameters]
            let data = try JSONSerialization.data(withJSONObject: message, options: [.sortedKeys, .withoutEscapingSlashes])
            try await outbound.write(.text(String(decoding: data, as: UTF8.self)))
        }
    }

    func run(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async throws {
        var logger = services.logger
        logger[metadataKey: "tap"] = "audiohook"
        var messages = inbound.messages(maxSize: Self.maxMessageBytes).makeAsyncIterator()
        var session = Session(id: sessionID ?? "", outbound: outbound)
        var state = State.awaitingOpen

        // Up to `open`: nothing is stored before the session is accepted.
        var opened: (media: AudioHookMessage.Media, message: AudioHookMessage)?
        while opened == nil, let frame = try await messages.next() {
            do {
                let message = try checked(frame, session: &session, state: state)
                switch message.type {
                case "open":
                    if let signatureFailure {
                        try await Task.sleep(for: .milliseconds(500))  // the reference server's constant delay
                        logger.warning("AudioHook signature rejected: \(signatureFailure)")
                        try await session.send("disconnect", ["reason": "unauthorized", "info": signatureFailure])
                        state = .disconnecting
                        continue
                    }
                    if let organizationID, organizationID != message.parameters?.organizationId {
                        throw Violation(reason: "error", info: "organizationId differs from the Audiohook-Organization-Id header")
                    }
                    let media = try Self.choose(message.parameters?.media ?? [])
                    try await session.send("opened", ["media": [["type": media.type, "format": media.format, "channels": media.channels, "rate": media.rate]], "startPaused": false])
                    opened = (media, message)
                case "ping": try await session.send("pong")
                case "close":
                    try await session.send("closed")
                    return
                default:
                    if state != .disconnecting { throw Violation(reason: "error", info: "\(message.type) before open") }
                }
            } catch let violation as Violation {
                guard state != .disconnecting else { continue }
                logger.warning("AudioHook session rejected: \(violation.info)")
                try await session.send("disconnect", ["reason": violation.reason, "info": violation.info])
                state = .disconnecting
            }
        }
        guard let (media, open) = opened else { return }
        state = .active
        let parameters = open.parameters
        let probe = parameters?.conversationId == Self.probeConversation
        let format = StreamFormat(encoding: media.format == "PCMU" ? .mulaw : .pcm16, sampleRate: media.rate, channels: media.channels.count)
        let silence: UInt8 = media.format == "PCMU" ? 0xFF : 0
        let frameBytes = format.channels * (format.encoding == .pcm16 ? 2 : 1)
        var call: TapCall?
        if !probe {
            do {
                call = try await TapCall(
                    services: services, format: format,
                    channels: media.channels.count == 2 ? (media.channels[0] == "external" ? .customerFirst : .agentFirst) : nil,
                    name: "audiohook-\(parameters?.conversationId ?? session.id)",
                    options: services.alertOptions(overrides: parameters?.customConfig ?? [:]),
                    metadata: [
                        "protocol": "audiohook", "conversationId": parameters?.conversationId ?? "",
                        "organizationId": parameters?.organizationId ?? "", "sessionId": session.id,
                    ]
                )
            } catch {
                logger.error("cannot start the live call: \(error)")
                try await session.send("disconnect", ["reason": "error", "info": "cannot start the call: \(error)"])
                state = .disconnecting
            }
        }
        var ending = "socket closed"
        do {
            try await IdleWatch.run(timeout: services.settings.idleTimeout, outbound: outbound) { watch in
                while let frame = try await watch.next(&messages) {
                    do {
                        if case .binary(var buffer) = frame {
                            guard state != .disconnecting else { continue }
                            guard state == .active else { throw Violation(reason: "error", info: "audio while paused") }
                            guard buffer.readableBytes % frameBytes == 0 else {
                                throw Violation(reason: "error", info: "audio frame of \(buffer.readableBytes) bytes is not whole \(frameBytes)-byte samples")
                            }
                            if call != nil { try buffer.withUnsafeReadableBytes { try call!.push($0) } }
                            buffer.clear()
                            continue
                        }
                        let message = try checked(frame, session: &session, state: state)
                        switch message.type {
                        case "ping": try await session.send("pong")
                        case "paused": if state == .active { state = .paused }
                        case "resumed", "discarded":
                            if message.type == "resumed", state == .paused { state = .active }
                            // The client's clock ran on while audio was not sent: keep ours in step with silence.
                            let gap = AudioHookMessage.seconds(message.parameters?.discarded) ?? 0
                            guard gap <= 3600 else { throw Violation(reason: "error", info: "discarded \(gap) s is more than an hour") }
                            let samples = Int(gap * Double(format.sampleRate)) * frameBytes
                            if samples > 0, call != nil { try call!.push([UInt8](repeating: silence, count: samples)) }
                        case "update": try await session.send("updated")
                        case "error":
                            logger.warning("AudioHook client error", metadata: ["code": "\(message.parameters?.code ?? 0)", "message": "\(message.parameters?.message ?? "")"])
                        case "close":
                            try await session.send("closed")
                            ending = "close (\(message.parameters?.reason ?? "end"))"
                            return
                        default:
                            if state != .disconnecting { throw Violation(reason: "error", info: "unexpected message \(message.type)") }
                        }
                    } catch let violation as Violation {
                        guard state != .disconnecting else { continue }
                        logger.warning("AudioHook session ended: \(violation.info)")
                        ending = violation.info
                        try await session.send("disconnect", ["reason": violation.reason, "info": violation.info])
                        state = .disconnecting
                    }
                }
                if let end = watch.ending { ending = end }
            }
        } catch {
            ending = "read failed: \(error)"
        }
        if let call = call.take() { await call.finish(reason: ending) }
    }

    /// Decodes a text frame and checks its envelope: version, session id and sequence numbers.
    private func checked(_ frame: WebSocketMessage, session: inout Session, state: State) throws -> AudioHookMessage {
        guard case .text(let text) = frame else { throw Violation(reason: "error", info: "audio before opened") }
        let message: AudioHookMessage
        do {
            message = try JSONDecoder().decode(AudioHookMessage.self, from: Data(text.utf8))
        } catch {
            throw Violation(reason: "error", info: "malformed message: \(text.prefix(60))")
        }
        guard state != .disconnecting else {
            // After `disconnect` only `close` matters; its numbering no longer does.
            session.clientSeq = message.seq
            return message
        }
        guard message.version == "2" else { throw Violation(reason: "error", info: "version \(message.version) (expected 2)") }
        if session.id.isEmpty { session.id = message.id }
        guard message.id == session.id else { throw Violation(reason: "error", info: "id \(message.id) is not the session's \(session.id)") }
        guard message.seq == session.clientSeq + 1 else {
            throw Violation(reason: "error", info: "seq \(message.seq), expected \(session.clientSeq + 1)")
        }
        session.clientSeq = message.seq
        guard (message.serverseq ?? 0) <= session.serverSeq else {
            throw Violation(reason: "error", info: "serverseq \(message.serverseq ?? 0) is beyond the server's \(session.serverSeq)")
        }
        return message
    }

    /// The first supported stereo offer, else the first supported mono one.
    private static func choose(_ offers: [AudioHookMessage.Media]) throws -> AudioHookMessage.Media {
        let supported = offers.filter { offer in
            offer.type == "audio" && (1...2).contains(offer.channels.count) && Set(offer.channels).count == offer.channels.count
                && offer.channels.allSatisfy { $0 == "external" || $0 == "internal" }
                && ((offer.format == "PCMU" && offer.rate == 8000) || (offer.format == "L16" && [8000, 16000].contains(offer.rate)))
        }
        guard let chosen = supported.first(where: { $0.channels.count == 2 }) ?? supported.first else {
            throw Violation(reason: "error", info: "no offered media format is supported (PCMU 8000 or L16 8000/16000, external/internal)")
        }
        return chosen
    }
}
