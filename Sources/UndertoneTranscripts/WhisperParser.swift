/// Reads OpenAI Whisper output: the API's top-level `words` (verbose_json with word granularity) or the Python
/// package's `segments[].words` (with `probability`). Whisper has no speakers or channels; words carry a leading space.
enum WhisperParser {
    static func parse(_ root: JSONObject) throws(TranscriptParseFailure) -> [Word] {
        if let words = root.objects("words") {
            return try words.map(word)
        }
        var words: [Word] = []
        for segment in try root.requiredObjects("segments") {
            guard let segmentWords = segment.objects("words") else {
                throw segment.failure("no \"words\" (transcribe with word_timestamps=True or timestamp_granularities=word)")
            }
            words += try segmentWords.map(word)
        }
        return words
    }

    private static func word(_ object: JSONObject) throws(TranscriptParseFailure) -> Word {
        try Word(
            checking: object, speaker: "", channel: nil,
            start: object.requiredNumber("start"), end: object.requiredNumber("end"),
            text: object.requiredString("word"), confidence: object.number("probability")
        )
    }
}
