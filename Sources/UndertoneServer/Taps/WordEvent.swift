import Foundation
import UndertoneAudio
import UndertoneTranscripts

/// A transcript word pushed while a call streams: `{"start":1.2,"end":1.5,"text":"hello","role":"agent"}`, or
/// `{"words":[…]}` for several (the body of `POST /v1/calls/{id}/transcript` and a text frame on the raw tap).
struct WordEvent: Decodable {
    var start: Double
    var end: Double
    var text: String
    var role: Speaker
    var confidence: Double?

    private struct Batch: Decodable { var words: [WordEvent] }

    /// The words of a body, or a one-line reason naming what is wrong.
    static func words(from data: Data) throws(APIError) -> [Word] {
        let events: [WordEvent]
        do {
            if let batch = try? JSONDecoder().decode(Batch.self, from: data) {
                events = batch.words
            } else {
                events = [try JSONDecoder().decode(WordEvent.self, from: data)]
            }
        } catch {
            throw APIError(field: "words", reason: "not a word event {start, end, text, role} or {\"words\": [...]}: \(Self.reason(error))")
        }
        for event in events {
            guard event.start.isFinite, event.end.isFinite, event.start >= 0, event.end >= event.start else {
                throw APIError(field: "words", reason: "word \"\(event.text)\": start and end must be seconds with 0 <= start <= end")
            }
            guard event.role != .mixed else { throw APIError(field: "words", reason: "role must be agent or customer") }
        }
        return events.map { Word(speaker: $0.role.rawValue, start: $0.start, end: $0.end, text: $0.text, confidence: $0.confidence, role: $0.role) }
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted(let context):
            context.codingPath.isEmpty ? "malformed JSON" : "bad value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: "\(error)"
        }
    }
}
