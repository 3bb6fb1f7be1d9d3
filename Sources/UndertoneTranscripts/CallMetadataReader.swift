public import Foundation
import UndertoneAudio

extension CallMetadata {
    /// Reads call metadata from a JSON object such as
    /// `{"agentName": "Dana", "customerName": "Sam Lee", "company": "Acme", "queue": "billing"}`.
    ///
    /// Fields other than the three named ones are kept in `fields` (numbers and booleans as text; a nested
    /// `"fields"` object is merged in). Throws a `TranscriptError` naming the file when it is missing, not JSON,
    /// not an object, or gives a name that is not a string.
    public static func read(url: URL, limits: TranscriptLimits = .standard) throws(TranscriptError) -> CallMetadata {
        let data = try TranscriptLimits.readFile(
            url, limit: limits.maxMetadataBytes, what: "call metadata", input: .metadata
        )
        return try parse(data, source: url.path, limits: limits)
    }

    /// Parses call-metadata bytes (an upload, a request body); `source` names them in errors.
    public static func parse(
        _ data: Data, source: String, limits: TranscriptLimits = .standard
    ) throws(TranscriptError) -> CallMetadata {
        do throws(TranscriptParseFailure) {
            try TranscriptLimits.checkSize(data.count, limit: limits.maxMetadataBytes)
            let metadata = try parse(JSONObject.parse(data))
            try limits.validate(metadata)
            return metadata
        } catch {
            throw TranscriptError(file: source, reason: "call metadata: \(error.reason)", input: .metadata)
        }
    }

    private static func parse(_ root: JSONObject) throws(TranscriptParseFailure) -> CallMetadata {
        var metadata = CallMetadata()
        for key in ["agentName", "customerName", "company"] where root.has(key) {
            guard let value = root.fields[key] as? String else { throw root.failure("\"\(key)\" is not a string") }
            switch key {
            case "agentName": metadata.agentName = value
            case "customerName": metadata.customerName = value
            default: metadata.company = value
            }
        }
        var free = root.fields
        if let nested = root.fields["fields"] as? [String: Any] {
            free.merge(nested) { _, inner in inner }
        }
        for (key, value) in free where !["agentName", "customerName", "company", "fields"].contains(key) {
            switch value {
            case let text as String: metadata.fields[key] = text
            case let number as NSNumber: metadata.fields[key] = number.stringValue
            default: continue  // nested structures are not free-text fields
            }
        }
        return metadata
    }
}
