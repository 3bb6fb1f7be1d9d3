/// Reads Undertone's own transcript JSON: `{"format":"undertone","words":[{"speaker","channel","start","end","text","confidence"}]}`.
///
/// `channel` is 0-based (0 = left = agent by default), `confidence` optional, times in seconds.
enum UndertoneJSONParser {
    static func parse(_ root: JSONObject) throws(TranscriptParseFailure) -> [Word] {
        try root.requiredObjects("words").map { word throws(TranscriptParseFailure) in
            try Word(
                checking: word, speaker: word.string("speaker") ?? "", channel: word.channel("channel", numberedFrom: 0),
                start: word.requiredNumber("start"), end: word.requiredNumber("end"),
                text: word.requiredString("text"), confidence: word.number("confidence")
            )
        }
    }
}
