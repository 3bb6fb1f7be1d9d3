/// A Twilio Media Streams message (https://www.twilio.com/docs/voice/media-streams/websocket-messages): every
/// field is optional here so that one decode serves every event, and numeric fields are strings, as Twilio sends.
struct TwilioMessage: Decodable {
    struct Start: Decodable {
        var accountSid: String?
        var streamSid: String?
        var callSid: String?
        var tracks: [String]?
        var customParameters: [String: String]?
        var mediaFormat: MediaFormat?
    }

    struct MediaFormat: Decodable {
        var encoding: String
        var sampleRate: Int
        var channels: Int
    }

    struct Media: Decodable {
        var track: String?
        var chunk: String?
        var timestamp: String?
        var payload: String
    }

    struct Mark: Decodable { var name: String }

    struct DTMF: Decodable {
        var track: String?
        var digit: String
    }

    var event: String
    var sequenceNumber: String?
    var streamSid: String?
    var start: Start?
    var media: Media?
    var mark: Mark?
    var dtmf: DTMF?
}
