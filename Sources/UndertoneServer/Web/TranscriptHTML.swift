import UndertoneAnalysis

/// The call page's transcript as HTML: a line per report turn, its words as text with their times in `data-w` (for
/// the highlight of the word being played). Written with `HTMLWriter`, not Mustache: a one-hour call has ~8 700 words.
enum TranscriptHTML {
    static func render(turns: [SentimentTurn], words: [Word]) -> String {
        let assigned = lines(turns: turns, words: words)
        var html = HTMLWriter(capacity: 160 * turns.count + 48 * words.count)
        for (index, turn) in turns.enumerated() {
            html.markup("<li class=\"line ")
            html.text(turn.speaker.rawValue)
            html.markup("\" id=\"line-")
            html.integer(index)
            html.markup("\"><button type=\"button\" class=\"seek\" data-t=\"")
            html.number(turn.start, decimals: 2)
            html.markup("\" aria-label=\"Play from ")
            html.time(turn.start)
            html.markup("\">")
            html.time(turn.start)
            html.markup("</button> <span class=\"who\">")
            html.text(turn.speaker.rawValue)
            let lineWords = assigned[index].map { word in
                // As the browser will read it back: the HTML parser turns CR LF into one LF and drops NUL.
                word.text.contains(where: { $0.isNewline || $0 == "\0" }) ? String(word.text.map { $0.isNewline || $0 == "\0" ? " " : $0 }) : word.text
            }
            html.markup("</span> <span class=\"text\"")
            if lineWords.isEmpty {
                html.markup(">")
                html.text(turn.text)
            } else {
                // Each word's start, end and length in UTF-16 units (JavaScript's), for call.js to make the playing line's
                // word spans: a span per word up front is ~8 700 elements more for the browser to lay out in a long call.
                html.markup(" data-w=\"")
                for (number, word) in assigned[index].enumerated() {
                    if number > 0 { html.markup(" ") }
                    html.number(word.start, decimals: 2)
                    html.markup(" ")
                    html.number(word.end, decimals: 2)
                    html.markup(" ")
                    html.integer(lineWords[number].utf16.count)
                }
                html.markup("\">")
                for (number, text) in lineWords.enumerated() {
                    if number > 0 { html.markup(" ") }
                    html.text(text)
                }
            }
            html.markup("</span></li>\n")
        }
        return html.html
    }

    /// The transcript's words of each turn: a word goes to the turn that spans its start and contains its text, so
    /// a backchannel inside the other party's turn stays its own.
    static func lines(turns: [SentimentTurn], words: [Word]) -> [[Word]] {
        var assigned = [[Word]](repeating: [], count: turns.count)
        let texts = turns.map { $0.text.lowercased() }
        var first = 0
        for word in words {
            while first < turns.count, turns[first].end + 0.05 < word.start, first + 1 < turns.count, turns[first + 1].start <= word.start {
                first += 1
            }
            var chosen: Int?
            var index = first
            while index < turns.count, turns[index].start - 0.05 <= word.start {
                if word.start <= turns[index].end + 0.05 {
                    if chosen == nil { chosen = index }
                    let bare = word.text.lowercased().trimmingCharacters(in: .punctuationCharacters)
                    if !bare.isEmpty, texts[index].contains(bare) { chosen = index; break }
                }
                index += 1
            }
            guard let chosen else { continue }
            assigned[chosen].append(word)
        }
        return assigned
    }
}
