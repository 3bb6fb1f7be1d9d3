/// Reads Deepgram pre-recorded JSON: `results.channels[i].alternatives[0].words[]`, channel `i` being the audio
/// channel with `multichannel=true`, `speaker` an integer with `diarize=true`, float seconds.
enum DeepgramParser {
    static func parse(_ root: JSONObject) throws(TranscriptParseFailure) -> [Word] {
        guard let results = root.object("results") else { throw root.failure("missing \"results\"") }
        let channels = try results.requiredObjects("channels")
        var words: [Word] = []
        for (index, channel) in channels.enumerated() {
            guard let alternative = try channel.requiredObjects("alternatives").first else { continue }
            for word in try alternative.requiredObjects("words") {
                let text = word.string("punctuated_word") ?? word.string("word")
                guard let text else { throw word.failure("missing \"word\"") }
                words.append(try Word(
                    checking: word, speaker: word.string("speaker") ?? "",
                    channel: channels.count > 1 ? index : nil,
                    start: word.requiredNumber("start"), end: word.requiredNumber("end"),
                    text: text, confidence: word.number("confidence")
                ))
            }
        }
        return words
    }
}
