import Foundation
import UndertoneTranscripts

/// Fills `{company}`, `{agentName}`, `{customerName}` and any metadata field `{name}` in template text.
enum Placeholders {
    /// The filled text, or nil when a placeholder has no value in the metadata (the phrase cannot be said then).
    static func fill(_ text: String, with metadata: CallMetadata, escape: (String) -> String) -> String? {
        guard text.contains("{") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            // A regex quantifier such as `{2,3}` is not a placeholder.
            if name.isEmpty || name.first!.isNumber {
                result += rest[...close]
                rest = rest[rest.index(after: close)...]
                continue
            }
            guard let value = value(of: name, in: metadata), !value.isEmpty else { return nil }
            result += rest[..<open] + escape(value)
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// A phrase with a person's name stands for the full name and for each part of it ("Maria Ortiz", "Maria",
    /// "Ortiz"): agents say "Ms. Ortiz" or "Maria", rarely both.
    static func expand(_ phrase: String, with metadata: CallMetadata) -> [String] {
        var results: [String] = []
        var variants = [metadata]
        for key in ["agentName", "customerName"] where phrase.contains("{\(key)}") {
            variants = variants.flatMap { base -> [CallMetadata] in
                guard let full = value(of: key, in: base) else { return [base] }
                let parts = full.split(separator: " ").map(String.init).filter { $0.count > 1 }
                return ([full] + (parts.count > 1 ? parts : [])).map { name in
                    var copy = base
                    if key == "agentName" { copy.agentName = name } else { copy.customerName = name }
                    return copy
                }
            }
        }
        for variant in variants {
            if let filled = fill(phrase, with: variant, escape: { $0 }), !results.contains(filled) { results.append(filled) }
        }
        return results
    }

    static func value(of name: String, in metadata: CallMetadata) -> String? {
        let value: String? = switch name {
        case "company": metadata.company
        case "agentName": metadata.agentName
        case "customerName": metadata.customerName
        default: metadata.fields[name]
        }
        guard let trimmed = value?.trimmingCharacters(in: .whitespaces), !trimmed.isEmpty else { return nil }
        return trimmed
    }
}
