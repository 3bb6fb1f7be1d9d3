import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import UndertoneAudio

/// `/v1/taps/raw?encoding=mulaw|alaw|pcm16|opus&rate=8000&channels=2&roles=agent,customer`: binary frames of
/// headerless audio for any other carrier (SIPREC recorders, RTP bridges), split anywhere, or one Opus packet per
/// frame; a text frame carries transcript word events. Closing the socket ends the call; audio that cannot be
/// decoded ends it with 1007 and the reason.
struct RawTap {
    let services: TapServices
    let format: StreamFormat
    let channels: ChannelMap?
    let name: String
    let overrides: [String: String]

    /// The stream the query describes, or a one-line reason naming the parameter.
    init(services: TapServices, query: Parameters) throws(APIError) {
        self.services = services
        var overrides: [String: String] = [:]
        var encoding: StreamEncoding?, rate = 8000, channelCount = 1, roles: [Speaker]?, name = "raw"
        for (key, value) in query {
            let value = String(value)
            switch String(key) {
            case "encoding":
                guard let parsed = StreamEncoding(rawValue: value) else {
                    throw APIError(field: "encoding", reason: "must be mulaw, alaw, pcm16 or opus, not \(value)")
                }
                encoding = parsed
            case "rate":
                guard let parsed = Int(value), (8000...48000).contains(parsed) else {
                    throw APIError(field: "rate", reason: "must be samples per second from 8000 to 48000, not \(value)")
                }
                rate = parsed
            case "channels":
                guard let parsed = Int(value), (1...2).contains(parsed) else { throw APIError(field: "channels", reason: "must be 1 or 2, not \(value)") }
                channelCount = parsed
            case "roles":
                let parsed = value.split(separator: ",").map { Speaker(rawValue: String($0)) }
                guard parsed.count == 2, let first = parsed[0], let second = parsed[1], Set([first, second]) == [.agent, .customer] else {
                    throw APIError(field: "roles", reason: "must be agent,customer or customer,agent (the party of each channel), not \(value)")
                }
                roles = [first, second]
            case "name":
                guard !value.isEmpty, value.count <= 100, value.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
                    throw APIError(field: "name", reason: "must be 1 to 100 letters, digits, - _ or .")
                }
                name = "raw-\(value)"
            case "deadAirSeconds", "longHoldSeconds", "customerSilenceSeconds", "phrases":
                overrides[String(key)] = value
            default:
                throw APIError(field: String(key), reason: "unknown query parameter")
            }
        }
        guard let encoding else { throw APIError(field: "encoding", reason: "missing (mulaw, alaw, pcm16 or opus)") }
        if encoding == .opus, !OpusDecoder.sampleRates.contains(rate) {
            throw APIError(field: "rate", reason: "must be 8000, 12000, 16000, 24000 or 48000 for opus, not \(rate)")
        }
        if roles != nil, channelCount != 2 { throw APIError(field: "roles", reason: "only for channels=2") }
        _ = try services.alertOptions(overrides: overrides)
        format = StreamFormat(encoding: encoding, sampleRate: rate, channels: channelCount)
        channels = channelCount == 2 ? (roles?.first == .customer ? .customerFirst : .agentFirst) : nil
        self.name = name
        self.overrides = overrides
    }

    func run(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async throws {
        var call: TapCall
        do {
            call = try await TapCall(
                services: services, format: format, channels: channels, name: name,
                options: services.alertOptions(overrides: overrides), metadata: ["protocol": "raw"]
            )
        } catch {
            services.logger.error("cannot start the live call: \(error)")
            try? await outbound.close(.unexpectedServerError, reason: "cannot start the call")
            return
        }
        let frameBytes = format.channels * (format.encoding == .pcm16 ? 2 : 1)
        var carry: [UInt8] = []
        var ending = "socket closed"
        var undecodable: String?
        do {
            try await IdleWatch.run(timeout: services.settings.idleTimeout, outbound: outbound) { watch in
                var messages = inbound.messages(maxSize: 1 << 20).makeAsyncIterator()
                while let frame = try await watch.next(&messages) {
                    switch frame {
                    case .binary(let buffer) where format.encoding == .opus:
                        try buffer.withUnsafeReadableBytes { try call.push(packet: $0) }
                    case .binary(let buffer):
                        // Frames need not hold whole samples; the remainder waits for the next one.
                        carry += buffer.readableBytesView
                        let whole = carry.count - carry.count % frameBytes
                        guard whole > 0 else { continue }
                        try carry.withUnsafeBytes { try call.push(UnsafeRawBufferPointer(rebasing: $0[..<whole])) }
                        carry.removeFirst(whole)
                    case .text(let text):
                        do {
                            call.receive(try WordEvent.words(from: Data(text.utf8)))
                        } catch let error as APIError {
                            services.logger.warning("raw tap: bad word event: \(error.description)", metadata: ["call": "\(call.id)"])
                            try await outbound.write(.text(#"{"error":"\#(error.reason.replacingOccurrences(of: "\"", with: "'"))"}"#))
                        }
                    }
                }
                if let end = watch.ending { ending = end }
            }
        } catch let error as AudioError {
            undecodable = "\(error)"
            services.logger.warning("raw tap: \(error)", metadata: ["call": "\(call.id)"])
        } catch {
            ending = "read failed: \(error)"
        }
        // Closed only once the call is stored, like the other taps.
        await call.finish(reason: undecodable ?? ending)
        if let undecodable { try? await outbound.close(.dataInconsistentWithMessage, reason: String(undecodable.prefix(120))) }
    }
}
