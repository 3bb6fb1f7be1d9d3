import UndertoneAnalysis

/// The call page's transcript as HTML: a line per report turn, a span per transcript word with its times (for the
/// highlight of the word being played). Written with `HTMLWriter`, not Mustache: a one-hour call has ~8 700 words.
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
            html.markup("</span> <span class=\"text\">")
            if assigned[index].isEmpty { html.text(turn.text) }
            for word in assigned[index] {
                html.markup("<span class=\"w\" data-s=\"")
                html.number(word.start, decimals: 2)
                html.markup("\" data-e=\"")
                html.number(word.end, decimals: 2)
                html.markup("\">")
                html.text(word.text)
                html.markup("</span> ")
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
