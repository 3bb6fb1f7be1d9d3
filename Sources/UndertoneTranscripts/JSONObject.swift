import Foundation

/// A decoded JSON object that remembers where it was found, so a parser can say exactly which field is missing.
///
/// ASR vendors disagree on whether numbers are numbers or strings (AWS writes `"4.86"`, Google `"4.860s"`), so the
/// accessors accept either.
struct JSONObject {
    let fields: [String: Any]
    /// Where the object sits in the document, e.g. `results.channels[1].alternatives[0]`.
    let path: String

    init(_ fields: [String: Any], path: String) {
        self.fields = fields
        self.path = path
    }

    /// Parses a whole document whose root is an object.
    static func parse(_ data: Data) throws(TranscriptParseFailure) -> JSONObject {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw TranscriptParseFailure("looks like JSON but does not parse (\(Self.shortReason(error)))")
        }
        guard let fields = root as? [String: Any] else {
            throw TranscriptParseFailure("JSON root is not an object")
        }
        return JSONObject(fields, path: "")
    }

    func has(_ key: String) -> Bool { fields[key] != nil && !(fields[key] is NSNull) }

    func object(_ key: String) -> JSONObject? {
        (fields[key] as? [String: Any]).map { JSONObject($0, path: childPath(key)) }
    }

    /// The array's object elements; `nil` when the key is absent or not an array of objects.
    func objects(_ key: String) -> [JSONObject]? {
        guard let array = fields[key] as? [Any] else { return nil }
        var result: [JSONObject] = []
        for (index, element) in array.enumerated() {
            guard let object = element as? [String: Any] else { return nil }
            result.append(JSONObject(object, path: "\(childPath(key))[\(index)]"))
        }
        return result
    }

    func requiredObjects(_ key: String) throws(TranscriptParseFailure) -> [JSONObject] {
        guard let objects = objects(key) else { throw missing(key, "an array of objects") }
        return objects
    }

    /// A string field; numbers are rendered as text (AssemblyAI and Deepgram label speakers with either).
    func string(_ key: String) -> String? {
        switch fields[key] {
        case let string as String: string
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }

    func requiredString(_ key: String) throws(TranscriptParseFailure) -> String {
        guard let value = string(key) else { throw missing(key, "a string") }
        return value
    }

    /// A number field, also accepted as a numeric string or a protobuf duration string such as `"1.500s"`.
    func number(_ key: String) -> Double? {
        switch fields[key] {
        case let number as NSNumber:
            return number.doubleValue
        case let string as String:
            let trimmed = string.hasSuffix("s") ? String(string.dropLast()) : string
            return Double(trimmed)
        case let duration as [String: Any]:
            // Protobuf Duration decoded as an object by some client libraries: {"seconds": 1, "nanos": 500000000}.
            let seconds = JSONObject(duration, path: childPath(key))
            guard seconds.has("seconds") || seconds.has("nanos") else { return nil }
            return (seconds.number("seconds") ?? 0) + (seconds.number("nanos") ?? 0) / 1e9
        default:
            return nil
        }
    }

    func requiredNumber(_ key: String) throws(TranscriptParseFailure) -> Double {
        guard let value = number(key), value.isFinite else { throw missing(key, "a number") }
        return value
    }

    func failure(_ reason: String) -> TranscriptParseFailure {
        TranscriptParseFailure(path.isEmpty ? reason : "\(path): \(reason)")
    }

    private func missing(_ key: String, _ kind: String) -> TranscriptParseFailure {
        failure(fields[key] == nil ? "missing \"\(key)\"" : "\"\(key)\" is not \(kind)")
    }

    private func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private static func shortReason(_ error: any Error) -> String {
        let nsError = error as NSError
        let detail = nsError.userInfo[NSDebugDescriptionErrorKey] as? String ?? nsError.localizedDescription
        return detail.split(separator: "\n").first.map(String.init) ?? "invalid JSON"
    }
}

extension Word {
    /// A word from a JSON transcript, checked for times a report could not use.
    init(
        checking object: JSONObject, speaker: String, channel: Int?, start: Double, end: Double, text: String,
        confidence: Double?
    ) throws(TranscriptParseFailure) {
        guard start.isFinite, end.isFinite, start >= 0 else { throw object.failure("invalid start time \(start)") }
        guard end >= start else { throw object.failure("ends (\(end) s) before it starts (\(start) s)") }
        self.init(
            speaker: speaker, channel: channel, start: start, end: end,
            text: text.trimmingCharacters(in: .whitespacesAndNewlines), confidence: confidence
        )
    }
}
