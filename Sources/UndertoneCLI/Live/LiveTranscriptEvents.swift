import Foundation
import UndertoneAnalysis

/// Transcript events for `undertone live --events`: JSON lines of words or utterances, each released to the
/// session once the audio has reached its end time, as a streaming ASR would deliver it.
struct LiveTranscriptEvents {
    private struct Event: Decodable {
        let speaker: String
        let start: Double
        let end: Double
        let text: String
    }

    private var words: [Word]
    private var next = 0

    init(path: String) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw InputError(path: path, reason: "transcript events cannot be read")
        }
        var words: [Word] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let event = try? JSONDecoder().decode(Event.self, from: Data(line.utf8)) else {
                throw InputError(path: "\(path):\(number + 1)", reason: "not a {speaker, start, end, text} JSON object")
            }
            let role = Speaker(rawValue: event.speaker.lowercased())
            words.append(Word(speaker: event.speaker, start: event.start, end: event.end, text: event.text, role: role))
        }
        self.words = words.sorted { $0.end < $1.end }
    }

    /// The events whose end the audio has reached, each returned once.
    mutating func due(by audioTime: Double) -> ArraySlice<Word> {
        let first = next
        while next < words.count, words[next].end <= audioTime { next += 1 }
        return words[first..<next]
    }
}
