import Foundation

/// Turns transcript text into the comparable tokens phrase matching works on.
///
/// ASR output differs from what a QA lead types in case, punctuation, contractions and hesitations ("That's, um,
/// our policy." vs "that is our policy"), so both sides go through the same normalisation: lower case, punctuation
/// dropped, hyphens split, contractions expanded, a possessive `'s` dropped, filled pauses dropped.
package enum TranscriptText {
    /// Filled pauses ASR engines write out; they never carry the meaning of a phrase.
    package static let fillers: Set<String> = ["um", "umm", "uh", "uhh", "uhm", "er", "erm", "ah", "ahh", "hmm", "hm", "mm", "mmm"]

    /// The normalised tokens of one transcript word or template phrase, in order.
    package static func tokens(_ text: String) -> [String] {
        let unified = text.lowercased().replacingOccurrences(of: "\u{2019}", with: "'")
        var result: [String] = []
        for piece in unified.split(whereSeparator: { $0.isWhitespace || $0 == "-" || $0 == "/" || $0 == "\u{2014}" }) {
            let kept = String(piece.filter { $0.isLetter || $0.isNumber || $0 == "'" })
            let trimmed = kept.trimmingApostrophes
            if !trimmed.isEmpty && !fillers.contains(trimmed) { result.append(contentsOf: expand(trimmed)) }
        }
        return result
    }

    /// Whole-word forms whose expansion no suffix rule gives.
    private static let irregular: [String: [String]] = [
        "can't": ["can", "not"], "cannot": ["can", "not"], "won't": ["will", "not"], "shan't": ["shall", "not"],
        "ain't": ["is", "not"], "let's": ["let", "us"], "gonna": ["going", "to"], "wanna": ["want", "to"],
        "ok": ["okay"], "y'all": ["you", "all"],
    ]

    /// Words after which `'s` means "is" or "has" rather than a possessive.
    private static let isContractionHosts: Set<String> = [
        "that", "it", "what", "there", "here", "he", "she", "who", "where", "how", "this", "everything", "nothing",
        "something", "someone", "everyone", "why", "when",
    ]

    private static let suffixes: [(String, String)] = [("n't", "not"), ("'ll", "will"), ("'re", "are"), ("'ve", "have"), ("'m", "am"), ("'d", "would")]

    private static func expand(_ word: String) -> [String] {
        if let known = irregular[word] { return known }
        for (suffix, full) in suffixes where word.hasSuffix(suffix) && word.count > suffix.count {
            return [String(word.dropLast(suffix.count)), full]
        }
        if word.hasSuffix("'s"), word.count > 2 {
            let stem = String(word.dropLast(2))
            return isContractionHosts.contains(stem) ? [stem, "is"] : [stem]
        }
        return [word.replacingOccurrences(of: "'", with: "")]
    }
}

extension String {
    fileprivate var trimmingApostrophes: String {
        var scalars = Substring(self)
        while scalars.first == "'" { scalars = scalars.dropFirst() }
        while scalars.last == "'" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
