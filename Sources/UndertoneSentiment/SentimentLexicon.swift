public import Foundation
import UndertoneModels
public import UndertoneAudio

/// The word lists the text scorer uses, read from `Models/lexicon/` (see `Models/README.md` for sources and licences).
///
/// Valences are on VADER's −4…4 scale. `vader-words.tsv` is read first and `contact-center-words.tsv` overrides it;
/// `phrases.tsv` holds multi-word patterns; `modifiers.tsv` the boosters, negators and contrast words.
public struct SentimentLexicon: Sendable {
    /// Valence per lower-cased word.
    public var words: [String: Double]
    /// Multi-word patterns in file order, a set of alternatives per slot (`nil` = any word).
    var phrases: [Phrase]
    /// Boosters (positive) and dampeners (negative), keyed by their word sequence.
    var boosters: [[String]: Double]
    public var negators: Set<String>
    public var contrasts: Set<String>

    struct Phrase: Sendable {
        var pattern: String
        var slots: [Set<String>?]
        var valence: Double
    }

    /// The lexicon shipped with the engine (`ModelFiles.lexiconDirectory`, overridable by `UNDERTONE_MODELS`), read
    /// once per process: every analyzer made afterwards shares it (or the error) instead of parsing its 7,600 rows
    /// again.
    public static func bundled() throws(LexiconError) -> SentimentLexicon {
        try bundledOnce.get()
    }

    private static let bundledOnce = Result { () throws(LexiconError) in try load(from: ModelFiles.lexiconDirectory) }

    /// Loads the four lexicon files from `directory`.
    public static func load(from directory: URL) throws(LexiconError) -> SentimentLexicon {
        var lexicon = SentimentLexicon(words: [:], phrases: [], boosters: [:], negators: [], contrasts: [])
        for file in ["vader-words.tsv", "contact-center-words.tsv"] {
            for row in try rows(directory.appendingPathComponent(file), columns: 2) {
                guard let valence = Double(row.fields[1]) else { throw row.error("valence \"\(row.fields[1])\" is not a number") }
                lexicon.words[row.fields[0].lowercased()] = valence
            }
        }
        for row in try rows(directory.appendingPathComponent("phrases.tsv"), columns: 2) {
            guard let valence = Double(row.fields[1]) else { throw row.error("valence \"\(row.fields[1])\" is not a number") }
            for slots in expandOptional(row.fields[0].lowercased().split(separator: " ").map(String.init)) {
                let slotSets: [Set<String>?] = slots.map { $0 == "*" ? nil : Set($0.split(separator: "|").map(String.init)) }
                lexicon.phrases.append(Phrase(pattern: row.fields[0], slots: slotSets, valence: valence))
            }
        }
        for row in try rows(directory.appendingPathComponent("modifiers.tsv"), columns: 3) {
            let term = row.fields[1].lowercased()
            switch row.fields[0] {
            case "booster":
                guard let value = Double(row.fields[2]) else { throw row.error("booster value \"\(row.fields[2])\" is not a number") }
                lexicon.boosters[term.split(separator: " ").map(String.init)] = value
            case "negator": lexicon.negators.insert(term)
            case "contrast": lexicon.contrasts.insert(term)
            default: throw row.error("kind \"\(row.fields[0])\" is not booster, negator or contrast")
            }
        }
        return lexicon
    }

    private struct Row {
        var fields: [String]
        var file: String
        var line: Int

        func error(_ reason: String) -> LexiconError { LexiconError(file: file, reason: "line \(line): \(reason)") }
    }

    private static func rows(_ url: URL, columns: Int) throws(LexiconError) -> [Row] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw LexiconError(file: url.path, reason: "lexicon file missing or not UTF-8 (set UNDERTONE_MODELS to the Models folder)")
        }
        var rows: [Row] = []
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            let row = Row(fields: fields, file: url.path, line: index + 1)
            guard fields.count >= columns, !fields[0].isEmpty else { throw row.error("expected \(columns) tab-separated columns") }
            rows.append(row)
        }
        return rows
    }

    /// Expands slots ending in `?` into the patterns with and without them.
    private static func expandOptional(_ slots: [String]) -> [[String]] {
        guard let optional = slots.firstIndex(where: { $0.count > 1 && $0.hasSuffix("?") }) else { return [slots] }
        var with = slots
        with[optional].removeLast()
        var without = slots
        without.remove(at: optional)
        return expandOptional(with) + expandOptional(without)
    }
}

/// Why a lexicon file could not be loaded: one line naming the file and the reason.
public struct LexiconError: UndertoneError, Equatable {
    public var file: String
    public var reason: String
    public var input: UndertoneInput { .lexicon }
    public var problem: UndertoneProblem { .malformed }

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): \(reason)" }
}
