/// Reads AssemblyAI JSON: integer milliseconds, `speaker` "A"/"B" with speaker labels, `channel` a 1-based string
/// with multichannel. Uses the top-level `words`, or `utterances[].words` when only those are filled.
enum AssemblyAIParser {
    static func parse(_ root: JSONObject) throws(TranscriptParseFailure) -> [Word] {
        if let words = root.objects("words"), !words.isEmpty {
            return try words.map { object throws(TranscriptParseFailure) in try word(object, utteranceSpeaker: nil) }
        }
        var words: [Word] = []
        for utterance in try root.requiredObjects("utterances") {
            for object in utterance.objects("words") ?? [] {
                words.append(try word(object, utteranceSpeaker: utterance.string("speaker")))
            }
        }
        return words
    }

    private static func word(_ object: JSONObject, utteranceSpeaker: String?) throws(TranscriptParseFailure) -> Word {
        try Word(
            checking: object, speaker: object.string("speaker") ?? utteranceSpeaker ?? "",
            channel: object.channel("channel", numberedFrom: 1),
            start: object.requiredNumber("start") / 1000, end: object.requiredNumber("end") / 1000,
            text: object.requiredString("text"), confidence: object.number("confidence")
        )
    }
}
