import Foundation

/// Helpers shared by the cue-based text formats (WebVTT, SRT).
enum CueTiming {
    /// Parses `[hh:]mm:ss.ttt` (WebVTT) or `hh:mm:ss,mmm` (SRT) into seconds.
    static func seconds(_ text: some StringProtocol) -> Double? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count) else { return nil }
        let fraction = parts[parts.count - 1].replacingOccurrences(of: ",", with: ".")
        guard let secondsPart = Double(fraction), secondsPart >= 0, secondsPart < 60 else { return nil }
        var total = secondsPart
        var scale = 60.0
        for part in parts.dropLast().reversed() {
            guard !part.isEmpty, part.allSatisfy(\.isASCIIDigitCharacter), let value = Double(part) else { return nil }
            total += value * scale
            scale *= 60
        }
        return total
    }

    /// Parses a cue timing line `start --> end [settings]`.
    static func span(ofTimingLine line: Substring) -> (start: Double, end: Double)? {
        let halves = line.components(separatedBy: "-->")
        guard halves.count == 2,
              let start = seconds(halves[0]),
              let endField = halves[1].split(whereSeparator: \.isWhitespace).first,
              let end = seconds(endField), end >= start
        else { return nil }
        return (start, end)
    }

    /// Spreads the words of an untimed stretch over `[start, end]` in proportion to their length in characters,
    /// a fair stand-in for speaking time when the format gives no word timestamps.
    static func spread(_ texts: [(text: String, speaker: String)], from start: Double, to end: Double) -> [Word] {
        let weights = texts.map { Double(max(1, $0.text.count)) }
        let total = weights.reduce(0, +)
        var time = start
        var words: [Word] = []
        for (piece, weight) in zip(texts, weights) {
            let duration = (end - start) * weight / total
            words.append(Word(speaker: piece.speaker, start: time, end: time + duration, text: piece.text))
            time += duration
        }
        return words
    }

    /// Splits a text file into blocks of non-blank lines, keeping each line's 1-based number for error messages.
    static func blocks(of text: String) -> [[(number: Int, line: Substring)]] {
        var blocks: [[(number: Int, line: Substring)]] = []
        var current: [(number: Int, line: Substring)] = []
        // Split on `isNewline`: Swift treats CRLF as one Character, which a split on "\n" would miss.
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { blocks.append(current) }
                current = []
            } else {
                current.append((index + 1, line))
            }
        }
        if !current.isEmpty { blocks.append(current) }
        return blocks
    }

    /// Removes a leading `Name:` speaker prefix, the SRT convention for speakers.
    static func speakerPrefix(of text: String) -> (speaker: String, rest: String)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let name = text[..<colon].trimmingCharacters(in: .whitespaces)
        let rest = text[text.index(after: colon)...]
        guard !name.isEmpty, name.count <= 32, name.split(separator: " ").count <= 3,
              !name.contains(where: \.isASCIIDigitCharacter), rest.first?.isWhitespace ?? true
        else { return nil }
        return (name, rest.trimmingCharacters(in: .whitespaces))
    }

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&lrm;", with: "")
            .replacingOccurrences(of: "&rlm;", with: "").replacingOccurrences(of: "&amp;", with: "&")
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}
