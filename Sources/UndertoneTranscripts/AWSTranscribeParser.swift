/// Reads AWS Transcribe batch output and the turn-based Call Analytics / Contact Lens shape.
enum AWSTranscribeParser {
    /// `results.items` (or `results.channel_labels.channels[].items` with channel identification). Times and
    /// confidences are strings of seconds; punctuation items carry no times and are attached to the word before.
    static func parseBatch(_ root: JSONObject) throws(TranscriptParseFailure) -> [Word] {
        guard let results = root.object("results") else { throw root.failure("missing \"results\"") }
        let speakerAt = try speakerLabelsByStart(results)
        if let channels = results.object("channel_labels")?.objects("channels"), !channels.isEmpty {
            var words: [Word] = []
            for (index, channel) in channels.enumerated() {
                let label = channel.string("channel_label") ?? "ch_\(index)"
                let number = channelNumber(label) ?? index
                words += try items(channel.requiredObjects("items"), channel: number, defaultSpeaker: label, speakerAt: speakerAt)
            }
            return words
        }
        return try items(results.requiredObjects("items"), channel: nil, defaultSpeaker: "", speakerAt: speakerAt)
    }

    /// `Transcript[]` turns with `ParticipantRole` and `Items[]` in integer milliseconds.
    static func parseCallAnalytics(_ root: JSONObject) throws(TranscriptParseFailure) -> [Word] {
        var words: [Word] = []
        for turn in try root.requiredObjects("Transcript") {
            let role = turn.string("ParticipantRole") ?? ""
            for item in turn.objects("Items") ?? [] {
                let text = try item.requiredString("Content")
                if item.string("Type") == "punctuation" {
                    attach(text, toLastOf: &words)
                    continue
                }
                words.append(try Word(
                    checking: item, speaker: role, channel: nil,
                    start: item.requiredNumber("BeginOffsetMillis") / 1000, end: item.requiredNumber("EndOffsetMillis") / 1000,
                    text: text, confidence: item.number("Confidence")
                ))
            }
        }
        return words
    }

    private static func items(
        _ items: [JSONObject], channel: Int?, defaultSpeaker: String, speakerAt: [String: String]
    ) throws(TranscriptParseFailure) -> [Word] {
        var words: [Word] = []
        for item in items {
            guard let alternative = item.objects("alternatives")?.first else { throw item.failure("missing \"alternatives\"") }
            let text = try alternative.requiredString("content")
            if item.string("type") == "punctuation" {
                attach(text, toLastOf: &words)
                continue
            }
            let startText = try item.requiredString("start_time")
            let speaker = item.string("speaker_label") ?? speakerAt[startText] ?? defaultSpeaker
            words.append(try Word(
                checking: item, speaker: speaker, channel: channel ?? item.string("channel_label").flatMap(channelNumber),
                start: item.requiredNumber("start_time"), end: item.requiredNumber("end_time"),
                text: text, confidence: alternative.number("confidence")
            ))
        }
        return words
    }

    /// Older diarized outputs put `speaker_label` only in `speaker_labels.segments[].items`, keyed by start time.
    private static func speakerLabelsByStart(_ results: JSONObject) throws(TranscriptParseFailure) -> [String: String] {
        var labels: [String: String] = [:]
        for segment in results.object("speaker_labels")?.objects("segments") ?? [] {
            for item in segment.objects("items") ?? [] {
                guard let start = item.string("start_time") else { continue }
                labels[start] = item.string("speaker_label") ?? segment.string("speaker_label")
            }
        }
        return labels
    }

    private static func channelNumber(_ label: String) -> Int? {
        label.hasPrefix("ch_") ? Int(label.dropFirst(3)) : nil
    }

    private static func attach(_ punctuation: String, toLastOf words: inout [Word]) {
        guard !words.isEmpty else { return }
        words[words.count - 1].text += punctuation
    }
}
