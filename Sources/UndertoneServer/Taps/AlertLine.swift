import Foundation
import UndertoneAnalysis

/// An alert as `undertone live` prints it (kind, audioTime, start, speaker, summary; times to the millisecond),
/// plus the `callId` it belongs to: the body of each SSE event and alert webhook.
struct AlertLine: Encodable {
    let callID: String
    let alert: LiveAlert

    enum CodingKeys: String, CodingKey { case callId, kind, audioTime, start, speaker, summary }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(callID, forKey: .callId)
        try container.encode(alert.kind.rawValue, forKey: .kind)
        try container.encode((alert.audioTime * 1000).rounded() / 1000, forKey: .audioTime)
        try container.encode((alert.start * 1000).rounded() / 1000, forKey: .start)
        try container.encode(alert.speaker?.rawValue, forKey: .speaker)
        try container.encode(alert.summary, forKey: .summary)
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
