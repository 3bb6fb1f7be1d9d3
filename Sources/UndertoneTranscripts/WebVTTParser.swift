import UndertoneAudio
import Foundation

/// Reads WebVTT: cues with `<v Speaker>` voice spans (classes allowed, closing tag optional) and optional inline
/// `<hh:mm:ss.ttt>` timestamps that time the words after them. Words without their own timestamp share their
/// stretch of the cue in proportion to their length (see `CueTiming.spread`).
enum WebVTTParser {
    static func parse(
        _ text: String, maxWords: Int = TranscriptLimits.standard.maxWords
    ) throws(TranscriptParseFailure) -> (words: [Word], estimated: Bool) {
        var words: [Word] = []
        var estimated = false
        for (index, block) in CueTiming.blocks(of: text).enumerated() {
            if index == 0 {  // the WEBVTT header block
                if let timing = block.first(where: { $0.line.contains("-->") }) {
                    throw TranscriptParseFailure("line \(timing.number): cue timing inside the WEBVTT header "
                        + "(no blank line before the first cue, or the line breaks are missing?)")
                }
                continue
            }
            let first = block[0].line
            if first.hasPrefix("NOTE") || first.hasPrefix("STYLE") || first.hasPrefix("REGION") { continue }
            guard let timingIndex = block.firstIndex(where: { $0.line.contains("-->") }), timingIndex <= 1 else {
                throw TranscriptParseFailure("line \(block[0].number): cue without a timing line")
            }
            let timing = block[timingIndex]
            guard let span = CueTiming.span(ofTimingLine: timing.line) else {
                throw TranscriptParseFailure("line \(timing.number): cannot read cue timing \"\(timing.line)\"")
            }
            let payload = block[(timingIndex + 1)...].map { String($0.line) }.joined(separator: " ")
            let cue = try cueWords(payload, span: span, line: timing.number)
            words += cue.words
            estimated = estimated || cue.estimated
            try CueTiming.checkCount(words, limit: maxWords)
        }
        return (words, estimated)
    }

    /// One stretch of a cue between timestamps: its start and its words with their speakers.
    private struct Stretch {
        var start: Double
        var words: [(text: String, speaker: String)] = []
    }

    private static func cueWords(
        _ payload: String, span: (start: Double, end: Double), line: Int
    ) throws(TranscriptParseFailure) -> (words: [Word], estimated: Bool) {
        var stretches = [Stretch(start: span.start)]
        var speaker = ""
        var pending = ""
        func flush() {
            let word = CueTiming.decodeEntities(pending)
            if !word.isEmpty { stretches[stretches.count - 1].words.append((word, speaker)) }
            pending = ""
        }
        var rest = Substring(payload)
        // Once no ">" is left, a "<" is text: searching again for each of many "<" would be quadratic.
        var tagsMayClose = true
        while let character = rest.first {
            if character == "<", tagsMayClose, let close = rest.firstIndex(of: ">") ?? { tagsMayClose = false; return nil }() {
                let tag = rest[rest.index(after: rest.startIndex)..<close]
                rest = rest[rest.index(after: close)...]
                if tag.first?.isASCIIDigitCharacter == true {
                    guard let time = CueTiming.seconds(tag) else {
                        throw TranscriptParseFailure("line \(line): cannot read inline timestamp <\(tag)>")
                    }
                    flush()
                    stretches.append(Stretch(start: min(max(time, span.start), span.end)))
                } else if tag.hasPrefix("v ") || tag.hasPrefix("v.") {
                    flush()
                    speaker = tag.drop(while: { !$0.isWhitespace }).trimmingCharacters(in: .whitespaces)
                } else if tag == "/v" {
                    flush()
                    speaker = ""
                }
                continue  // other tags (<c>, <i>, <b>, <u>, <lang>, <ruby>) only style the text
            }
            if character.isWhitespace { flush() } else { pending.append(character) }
            rest = rest.dropFirst()
        }
        flush()
        var words: [Word] = []
        var estimated = false
        for (index, stretch) in stretches.enumerated() where !stretch.words.isEmpty {
            let end = index + 1 < stretches.count ? stretches[index + 1].start : span.end
            words += CueTiming.spread(stretch.words, from: stretch.start, to: end)
            estimated = estimated || stretch.words.count > 1
        }
        return (words, estimated)
    }
}
