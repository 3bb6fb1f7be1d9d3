/// Reads SubRip: numbered cues, `hh:mm:ss,mmm --> hh:mm:ss,mmm` (a `.` is accepted too), text lines whose
/// `Name:` prefix names the speaker. Leniently ignores styling tags, CRLF and a missing final blank line.
/// SRT has no word times, so each cue's words share it in proportion to their length.
enum SRTParser {
    static func parse(
        _ text: String, maxWords: Int = TranscriptLimits.standard.maxWords
    ) throws(TranscriptParseFailure) -> (words: [Word], estimated: Bool) {
        var words: [Word] = []
        for block in CueTiming.blocks(of: text) {
            guard let timingIndex = block.firstIndex(where: { $0.line.contains("-->") }), timingIndex <= 1 else {
                throw TranscriptParseFailure("line \(block[0].number): expected a cue timing line \"hh:mm:ss,mmm --> hh:mm:ss,mmm\"")
            }
            let timing = block[timingIndex]
            guard let span = CueTiming.span(ofTimingLine: timing.line) else {
                throw TranscriptParseFailure("line \(timing.number): cannot read cue timing \"\(timing.line)\"")
            }
            var pieces: [(text: String, speaker: String)] = []
            var speaker = ""
            for (_, line) in block[(timingIndex + 1)...] {
                var content = CueTiming.decodeEntities(stripTags(String(line)))
                if let prefixed = CueTiming.speakerPrefix(of: content) {
                    speaker = prefixed.speaker
                    content = prefixed.rest
                }
                pieces += content.split(whereSeparator: \.isWhitespace).map { (String($0), speaker) }
            }
            if !pieces.isEmpty { words += CueTiming.spread(pieces, from: span.start, to: span.end) }
            try CueTiming.checkCount(words, limit: maxWords)
        }
        return (words, words.count > 0)
    }

    /// Drops `<i>`-style and `{\an8}`-style markup.
    private static func stripTags(_ line: String) -> String {
        var result = ""
        var depth: Character?
        for character in line {
            if let open = depth {
                if (open == "<" && character == ">") || (open == "{" && character == "}") { depth = nil }
            } else if character == "<" || character == "{" {
                depth = character
            } else {
                result.append(character)
            }
        }
        return result
    }
}
