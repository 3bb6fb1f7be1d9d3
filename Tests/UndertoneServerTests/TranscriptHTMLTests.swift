import Testing
import UndertoneAnalysis
@testable import UndertoneServer

/// The call page's transcript, written without Mustache: call data escaped in text and attributes, words in
/// their turns, times written as `WebFormat` writes them.
@Suite struct TranscriptHTMLTests {
    static func turn(_ speaker: Speaker, _ start: Double, _ end: Double, _ text: String) -> SentimentTurn {
        SentimentTurn(speaker: speaker, start: start, end: end, text: text, score: 0, textScore: 0, arousal: nil)
    }

    @Test func escapesMarkupQuotesAndAmpersands() {
        let words = [
            Word(speaker: "agent", start: 1.005, end: 1.5, text: "<script>alert(1)</script>"),
            Word(speaker: "agent", start: 1.6, end: 2, text: #"Tom&Jerry's "deal""#),
        ]
        let html = TranscriptHTML.render(turns: [Self.turn(.agent, 1, 2, #"<script>alert(1)</script> Tom&Jerry's "deal""#)], words: words)
        // The words as text, escaped, and their start, end and length in UTF-16 units (as call.js slices them).
        #expect(html == #"<li class="line agent" id="line-0"><button type="button" class="seek" data-t="1.00" aria-label="Play from 0:01.0">0:01.0</button> <span class="who">agent</span> <span class="text" data-w="1.00 1.50 25 1.60 2.00 18">&lt;script&gt;alert(1)&lt;/script&gt; Tom&amp;Jerry&#39;s &quot;deal&quot;</span></li>"# + "\n")
        #expect(!html.contains("<script>") && !html.contains("'") && !html.contains("&J"))

        // A word with a line break is written with a space (the parser would fold CR LF); a non-BMP character is
        // two UTF-16 units.
        let odd = TranscriptHTML.render(turns: [Self.turn(.agent, 0, 2, "a b")], words: [
            Word(speaker: "agent", start: 0, end: 1, text: "two\r\nlines"), Word(speaker: "agent", start: 1, end: 2, text: "🙂ok"),
        ])
        #expect(odd.contains(#"data-w="0.00 1.00 9 1.00 2.00 4">two lines 🙂ok</span>"#))

        // A turn whose words are missing shows the turn's own text, escaped the same way.
        let bare = TranscriptHTML.render(turns: [Self.turn(.customer, 3, 4, "<b>&'\"")], words: [])
        #expect(bare == #"<li class="line customer" id="line-0"><button type="button" class="seek" data-t="3.00" aria-label="Play from 0:03.0">0:03.0</button> <span class="who">customer</span> <span class="text">&lt;b&gt;&amp;&#39;&quot;</span></li>"# + "\n")
    }

    /// A backchannel inside the other party's turn keeps its own line; words outside every turn are dropped.
    @Test func wordsGoToTheTurnThatSaysThem() {
        let turns = [Self.turn(.agent, 0, 4, "so the modem is free"), Self.turn(.customer, 1.5, 1.9, "mhm")]
        let words = [("so", 0.1), ("the", 0.5), ("modem", 1.0), ("mhm", 1.6), ("is", 1.7), ("free", 3.0), ("late", 9.0)]
            .map { Word(speaker: "x", start: $0.1, end: $0.1 + 0.2, text: $0.0) }
        let lines = TranscriptHTML.lines(turns: turns, words: words).map { $0.map(\.text) }
        #expect(lines == [["so", "the", "modem", "is", "free"], ["mhm"]])
    }

    /// The page's numbers, written without `String(format:)`, read as `String(format:)` writes them (values not
    /// within a rounding error of a half).
    @Test func numbersAndTimes() {
        for value in [0, 0.004, 1.5, 64.92, 3623.456, 12.999, -0.5, 99.9996, 1e300, .infinity] {
            #expect(WebFormat.seconds(value) == String(format: "%.2f", value), "\(value)")
            #expect(HTMLWriter.string { $0.number(value, decimals: 3) } == String(format: "%.3f", value), "\(value)")
        }
        #expect(WebFormat.percent(30, of: 120) == "25.000")
        #expect(WebFormat.width(0.01, of: 3600) == "0.150")
        let times = [(64.92, "1:04.9"), (65.25, "1:05.3"), (0, "0:00.0"), (-3, "0:00.0"), (599.96, "10:00.0"), (3723.44, "1:02:03.4"), (.nan, "0:00.0")]
        for (seconds, text) in times {
            #expect(WebFormat.time(seconds) == text, "\(seconds)")
        }
    }
}
