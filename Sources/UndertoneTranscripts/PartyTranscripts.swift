public import UndertoneAudio

extension Transcript {
    /// One transcript of the call from one transcript per party (speech recognisers run per channel, as Whisper
    /// users do): each file's words are labelled with its party and merged in time order.
    public static func merging(_ parts: [(party: Speaker, transcript: Transcript)]) -> Transcript {
        let words = parts.flatMap { part in
            part.transcript.words.map { word in
                var word = word
                word.speaker = part.party.rawValue
                word.channel = nil
                word.role = nil
                return word
            }
        }
        return Transcript(
            format: parts.first?.transcript.format ?? .undertone, words: words.sorted { ($0.start, $0.end) < ($1.start, $1.end) },
            wordTimesEstimated: parts.contains { $0.transcript.wordTimesEstimated })
    }
}
