/// Reads Google Cloud Speech-to-Text JSON: `results[].alternatives[0].words[]` with v1 `startTime`/`endTime`
/// (`"1.500s"`) and `speakerTag`, or v2 `startOffset`/`endOffset` and `speakerLabel`; `channelTag` is 1-based.
enum GoogleSpeechParser {
    static func parse(_ root: JSONObject) throws(TranscriptParseFailure) -> [Word] {
        var words: [Word] = []
        for result in try root.requiredObjects("results") {
            let channel = try result.channel("channelTag", numberedFrom: 1)
            guard let alternative = result.objects("alternatives")?.first else { continue }
            for word in alternative.objects("words") ?? [] {
                let start = word.number("startTime") ?? word.number("startOffset") ?? 0
                guard let end = word.number("endTime") ?? word.number("endOffset") else {
                    throw word.failure("missing \"endTime\" or \"endOffset\"")
                }
                words.append(try Word(
                    checking: word, speaker: word.string("speakerLabel") ?? word.string("speakerTag") ?? "",
                    channel: channel, start: start, end: end,
                    text: word.requiredString("word"), confidence: word.number("confidence")
                ))
            }
        }
        return words
    }
}
