import Foundation

/// The JSON text messages one load-test stream sends, shaped as Twilio sends them
/// (https://www.twilio.com/docs/voice/media-streams/websocket-messages): `connected`, `start` with both tracks and
/// μ-law 8 kHz mono, `media` per track every 20 ms (`chunk` and `timestamp` as strings), `stop`.
///
/// `sequenceNumber` starts at 1 on `start` and counts every later message; within a slot the outbound (agent) track
/// goes first, so the inbound message completes the slot on the server.
struct TwilioStreamScript: Sendable {
    let streamSid: String
    let callSid: String
    static let accountSid = "AC00000000000000000000000000000000"
    /// The order of each slot's messages.
    static let tracks = ["outbound", "inbound"]

    /// Stream `index` of a run tagged `run` (8 hex digits): Twilio-shaped ids that say which stream they are.
    init(run: String, index: Int) {
        let digits = String(index)
        let padded = String(repeating: "0", count: max(0, 24 - digits.count)) + digits
        streamSid = "MZ\(run)\(padded)"
        callSid = "CA\(run)\(padded)"
    }

    /// The stream index encoded in a call's stored audio name (`twilio-<callSid>.wav`, as the server names a
    /// Twilio call), when it is a stream of run `run`.
    static func streamIndex(audioName: String, run: String) -> Int? {
        let prefix = "twilio-CA\(run)"
        guard audioName.hasPrefix(prefix), audioName.hasSuffix(".wav") else { return nil }
        return Int(audioName.dropFirst(prefix.count).dropLast(4))
    }

    var connected: String { #"{"event":"connected","protocol":"Call","version":"1.0.0"}"# }

    var start: String {
        #"{"event":"start","sequenceNumber":"1","start":{"accountSid":"\#(Self.accountSid)","streamSid":"\#(streamSid)","callSid":"\#(callSid)","tracks":["inbound","outbound"],"customParameters":{},"mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1}},"streamSid":"\#(streamSid)"}"#
    }

    /// The `media` message of track `track` (an index into ``tracks``) in slot `slot`, `payload` already base64.
    func media(slot: Int, track: Int, payload: String) -> String {
        let sequence = 2 + slot * Self.tracks.count + track
        return #"{"event":"media","sequenceNumber":"\#(sequence)","media":{"track":"\#(Self.tracks[track])","chunk":"\#(slot + 1)","timestamp":"\#(slot * FramePacing.frameMilliseconds)","payload":"\#(payload)"},"streamSid":"\#(streamSid)"}"#
    }

    /// `stop` after `slots` slots of media.
    func stop(afterSlots slots: Int) -> String {
        #"{"event":"stop","sequenceNumber":"\#(2 + slots * Self.tracks.count)","stop":{"accountSid":"\#(Self.accountSid)","callSid":"\#(callSid)"},"streamSid":"\#(streamSid)"}"#
    }
}
