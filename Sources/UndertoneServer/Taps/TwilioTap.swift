import Foundation
import HummingbirdWebSocket
import Logging
import NIOWebSocket
import UndertoneAudio

/// `/v1/taps/twilio`: one Twilio Media Streams connection (`<Start><Stream track="both_tracks">`), one call.
///
/// `connected`, then `start` (tracks, media format, custom parameters), then `media` chunks of base64 μ-law
/// 8 kHz per track, `mark` and `dtmf` (logged), and `stop`. The inbound track is the customer and the outbound
/// the agent unless the custom parameter `inboundRole` says `agent`. Twilio has no error message towards the
/// stream, so bad input is answered with a close code and a reason (and logged): malformed JSON, bad base64 or
/// a binary frame → 1007/1003, a media format other than `audio/x-mulaw` 8000 Hz mono → 1003, media before
/// `start` → 1002. Events this server does not know are logged and skipped, as new Twilio events may appear.
struct TwilioTap {
    let services: TapServices
    static let maxMessageBytes = 1 << 20

    /// Why a stream is closed: the close code and the one-line reason sent with it.
    struct Violation: Error {
        var code: WebSocketErrorCode
        var reason: String
    }

    func run(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async throws {
        var logger = services.logger
        logger[metadataKey: "tap"] = "twilio"
        var messages = inbound.messages(maxSize: Self.maxMessageBytes).makeAsyncIterator()
        let start: TwilioMessage.Start
        do {
            guard let found = try await awaitStart(&messages, logger: logger) else { return }
            start = found
        } catch let violation as Violation {
            logger.warning("stream rejected: \(violation.reason)")
            try? await outbound.close(violation.code, reason: violation.reason)
            return
        }
        // Two tracks are interleaved agent first, so the stored WAV has the layout an uploaded call is read with.
        let inboundRole = start.customParameters?["inboundRole"] ?? "customer"
        var tracks = start.tracks ?? ["inbound"]
        if tracks.count == 2 { tracks = inboundRole == "agent" ? ["inbound", "outbound"] : ["outbound", "inbound"] }
        var call: TapCall
        do {
            call = try await TapCall(
                services: services, format: StreamFormat(encoding: .mulaw, sampleRate: 8000, channels: tracks.count),
                channels: tracks.count == 2 ? .agentFirst : nil,
                name: "twilio-\(start.callSid ?? start.streamSid ?? "stream")",
                options: services.alertOptions(overrides: start.customParameters ?? [:]),
                metadata: (start.customParameters ?? [:]).merging(
                    ["protocol": "twilio", "callSid": start.callSid ?? "", "streamSid": start.streamSid ?? ""]
                ) { mine, _ in mine }
            )
        } catch let error as APIError {
            try? await outbound.close(.policyViolation, reason: error.description)
            return
        } catch {
            logger.error("cannot start the live call: \(error)")
            try? await outbound.close(.unexpectedServerError, reason: "cannot start the call")
            return
        }
        var aligner = TrackAligner(tracks: tracks.count)
        var ending = "socket closed"
        var violation: Violation?
        do {
            try await IdleWatch.run(timeout: services.settings.idleTimeout, outbound: outbound) { watch in
                while let message = try await watch.next(&messages) {
                    let decoded = try Self.decode(message)
                    switch decoded.event {
                    case "media":
                        guard let media = decoded.media else { throw Violation(code: .dataInconsistentWithMessage, reason: "media event without media") }
                        guard let track = tracks.firstIndex(of: media.track ?? "inbound") else {
                            throw Violation(code: .dataInconsistentWithMessage, reason: "media.track \(media.track ?? "") is not one of start.tracks \(tracks)")
                        }
                        guard let payload = Data(base64Encoded: media.payload) else {
                            throw Violation(code: .dataInconsistentWithMessage, reason: "media.payload of chunk \(media.chunk ?? "?") is not base64")
                        }
                        let sample = (media.timestamp.flatMap(Int.init) ?? -1) * 8
                        guard sample >= 0, aligner.place(track: track, at: sample, Array(payload)) else {
                            throw Violation(code: .dataInconsistentWithMessage, reason: "media.timestamp \(media.timestamp ?? "missing") is not milliseconds within a minute of the stream")
                        }
                        let ready = aligner.ready()
                        if !ready.isEmpty { try call.push(ready) }
                    case "mark":
                        logger.debug("mark", metadata: ["name": "\(decoded.mark?.name ?? "")"])
                    case "dtmf":
                        logger.info("dtmf", metadata: ["digit": "\(decoded.dtmf?.digit ?? "")", "track": "\(decoded.dtmf?.track ?? "")"])
                    case "stop":
                        ending = "stop"
                        return
                    case "connected", "start":
                        throw Violation(code: .protocolError, reason: "\(decoded.event) sent twice")
                    default:
                        logger.notice("unknown Twilio event skipped", metadata: ["event": "\(decoded.event)"])
                    }
                }
                if let end = watch.ending { ending = end }
            }
        } catch let error as Violation {
            violation = error
        } catch {
            ending = "read failed: \(error)"
        }
        let rest = aligner.ready(flush: true)
        if !rest.isEmpty { try? call.push(rest) }
        if let violation {
            logger.warning("stream closed: \(violation.reason)", metadata: ["call": "\(call.id)"])
            ending = violation.reason
        }
        // Closed only once the call is stored, as after `stop`: the close tells the client the call is in /v1/calls.
        await call.finish(reason: ending)
        if let violation { try? await outbound.close(violation.code, reason: violation.reason) }
    }

    /// Reads up to `start`: nil when the socket closed first.
    private func awaitStart(_ messages: inout WebSocketInboundMessageStream.AsyncIterator, logger: Logger) async throws -> TwilioMessage.Start? {
        while let message = try await messages.next() {
            let decoded = try Self.decode(message)
            switch decoded.event {
            case "connected": continue
            case "start":
                guard let start = decoded.start else { throw Violation(code: .dataInconsistentWithMessage, reason: "start event without start") }
                let format = start.mediaFormat
                guard format?.encoding == "audio/x-mulaw", format?.sampleRate == 8000, format?.channels == 1 else {
                    let given = format.map { "\($0.encoding) \($0.sampleRate) Hz \($0.channels) ch" } ?? "none"
                    throw Violation(code: .unacceptableData, reason: "unsupported mediaFormat \(given) (expected audio/x-mulaw 8000 Hz 1 ch)")
                }
                let tracks = start.tracks ?? ["inbound"]
                guard (1...2).contains(tracks.count), Set(tracks).count == tracks.count,
                      tracks.allSatisfy({ $0 == "inbound" || $0 == "outbound" }) else {
                    throw Violation(code: .dataInconsistentWithMessage, reason: "start.tracks must be inbound and/or outbound, not \(tracks)")
                }
                if let role = start.customParameters?["inboundRole"], role != "agent", role != "customer" {
                    throw Violation(code: .policyViolation, reason: "inboundRole must be agent or customer, not \(role)")
                }
                return start
            case "media": throw Violation(code: .protocolError, reason: "media before start")
            default: logger.notice("Twilio event before start skipped", metadata: ["event": "\(decoded.event)"])
            }
        }
        return nil
    }

    private static func decode(_ message: WebSocketMessage) throws -> TwilioMessage {
        guard case .text(let text) = message else {
            throw Violation(code: .unacceptableData, reason: "binary frame: Twilio Media Streams sends JSON text frames")
        }
        do {
            return try JSONDecoder().decode(TwilioMessage.self, from: Data(text.utf8))
        } catch {
            throw Violation(code: .dataInconsistentWithMessage, reason: "malformed JSON message: \(text.prefix(60))")
        }
    }
}
