import Foundation

/// A message of the AudioHook protocol (version 2), client to server: the envelope every text frame carries and
/// the parameters this server reads.
struct AudioHookMessage: Decodable {
    /// One offered or chosen media format: `{"type":"audio","format":"PCMU","channels":["external","internal"],"rate":8000}`.
    struct Media: Codable, Equatable {
        var type: String
        var format: String
        var channels: [String]
        var rate: Int
    }

    struct Parameters: Decodable {
        var organizationId: String?
        var conversationId: String?
        var media: [Media]?
        var reason: String?
        var start: String?
        var discarded: String?
        var language: String?
        var code: Int?
        var message: String?
        /// String-valued entries of `customConfig` (per-call alert thresholds).
        var customConfig: [String: String]?

        private enum Keys: String, CodingKey {
            case organizationId, conversationId, media, reason, start, discarded, language, code, message, customConfig
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Keys.self)
            organizationId = try container.decodeIfPresent(String.self, forKey: .organizationId)
            conversationId = try container.decodeIfPresent(String.self, forKey: .conversationId)
            media = try container.decodeIfPresent([Media].self, forKey: .media)
            reason = try container.decodeIfPresent(String.self, forKey: .reason)
            start = try container.decodeIfPresent(String.self, forKey: .start)
            discarded = try container.decodeIfPresent(String.self, forKey: .discarded)
            language = try container.decodeIfPresent(String.self, forKey: .language)
            code = try container.decodeIfPresent(Int.self, forKey: .code)
            message = try container.decodeIfPresent(String.self, forKey: .message)
            customConfig = try? container.decodeIfPresent([String: String].self, forKey: .customConfig)
        }
    }

    var version: String
    var id: String
    var type: String
    var seq: Int
    var serverseq: Int?
    var position: String?
    var parameters: Parameters?

    /// Seconds of an ISO 8601 duration as AudioHook writes them (`PT12.34S`); nil otherwise.
    static func seconds(_ duration: String?) -> Double? {
        guard let duration, duration.hasPrefix("PT"), duration.hasSuffix("S"),
              let value = Double(duration.dropFirst(2).dropLast()), value.isFinite, value >= 0 else { return nil }
        return value
    }
}
