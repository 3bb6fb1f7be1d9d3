public import Foundation
import UndertoneAudio

/// Bounds on what a transcript or call-metadata file may hold, so that a hostile or broken file costs a bounded
/// amount of time and memory and is rejected with a reason instead of sizing buffers from its numbers.
///
/// Every parser's words pass through ``validate(_:)`` before anything converts or sizes from their times; the
/// defaults comfortably hold an 8-hour call (about 150 words a minute per party is 144,000 words).
public struct TranscriptLimits: Sendable, Equatable {
    /// Largest transcript file, bytes (vendor JSON of a 4-hour call is about 10 MB; parsing JSON takes ~30× its size).
    public var maxBytes: Int
    /// Most words in one transcript.
    public var maxWords: Int
    /// Latest time any word may end, seconds: the longest call Undertone analyzes.
    public var maxSeconds: Double
    /// Channels a word may name: `0..<maxChannels`.
    public var maxChannels: Int
    /// Longest word (after splitting cues at whitespace), characters.
    public var maxWordCharacters: Int
    /// Longest line of a WebVTT or SRT file (a cue line) or of text scored line by line, bytes.
    public var maxLineBytes: Int
    /// Longest call-metadata file, bytes.
    public var maxMetadataBytes: Int
    /// Longest value of one call-metadata field (a name, the company, a free field), characters.
    public var maxMetadataFieldCharacters: Int
    /// How far past the end of the audio a word may end and still belong to the call, seconds (transcribers pad
    /// the last word; a word further out means the transcript is of another call or its times are in other units).
    public var audioEndTolerance: Double

    /// The limits a `CallAnalyzer`, the CLI and the server apply unless told otherwise.
    public static let standard = TranscriptLimits()

    public init(
        maxBytes: Int = 16 << 20, maxWords: Int = 200_000, maxSeconds: Double = 8 * 3600, maxChannels: Int = 64,
        maxWordCharacters: Int = 200, maxLineBytes: Int = 64 << 10, maxMetadataBytes: Int = 1 << 20,
        maxMetadataFieldCharacters: Int = 1000, audioEndTolerance: Double = 2
    ) {
        self.maxBytes = maxBytes
        self.maxWords = maxWords
        self.maxSeconds = maxSeconds
        self.maxChannels = maxChannels
        self.maxWordCharacters = maxWordCharacters
        self.maxLineBytes = maxLineBytes
        self.maxMetadataBytes = maxMetadataBytes
        self.maxMetadataFieldCharacters = maxMetadataFieldCharacters
        self.audioEndTolerance = audioEndTolerance
    }

    /// Checks every word's times, channel and length, and the word count.
    func validate(_ words: [Word]) throws(TranscriptParseFailure) {
        guard words.count <= maxWords else {
            throw TranscriptParseFailure("\(words.count) words, more than the limit of \(maxWords)")
        }
        for (index, word) in words.enumerated() {
            let name = "word \(index + 1) (\(Self.quoted(word.text)))"
            guard word.start.isFinite, word.end.isFinite, word.start >= 0 else {
                throw TranscriptParseFailure("\(name): invalid start time \(word.start) s")
            }
            guard word.end >= word.start else {
                throw TranscriptParseFailure("\(name): ends (\(word.end) s) before it starts (\(word.start) s)")
            }
            guard word.end <= maxSeconds else {
                throw TranscriptParseFailure("\(name): ends at \(word.end) s, beyond the longest call analyzed "
                    + "(\(Self.seconds(maxSeconds)) s)")
            }
            if let channel = word.channel, !(0..<maxChannels).contains(channel) {
                throw TranscriptParseFailure("\(name): channel \(channel) is out of range (0–\(maxChannels - 1))")
            }
            guard word.text.utf8.count <= maxWordCharacters * 4, word.text.count <= maxWordCharacters else {
                throw TranscriptParseFailure("\(name): longer than \(maxWordCharacters) characters")
            }
        }
    }

    /// Checks that no word ends later than `duration` seconds of audio (plus the tolerance); names the first that
    /// does.
    public func checkWithinAudio(_ words: [Word], duration: Double, source: String) throws(TranscriptError) {
        guard let late = words.max(by: { $0.end < $1.end }), late.end > duration + audioEndTolerance else { return }
        throw TranscriptError(file: source, reason: "word \(Self.quoted(late.text)) ends at \(late.end) s but the "
            + "audio lasts \(Self.seconds(duration)) s (transcript of another call, or times in other units?)")
    }

    /// The bytes of the file at `url`, at most `limit` of them: a larger file is rejected without being read whole.
    static func readFile(
        _ url: URL, limit: Int, what: String, input: UndertoneInput = .transcript
    ) throws(TranscriptError) -> Data {
        let data: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            data = try handle.read(upToCount: limit + 1) ?? Data()
        } catch {
            let exists = FileManager.default.fileExists(atPath: url.path)
            throw TranscriptError(
                file: url.path, reason: exists ? "\(what) cannot be read" : "no such file", input: input,
                problem: exists ? .unreadable : .notFound
            )
        }
        guard data.count <= limit else {
            throw TranscriptError(
                file: url.path, reason: "\(what) is larger than the limit of \(limit) bytes", input: input,
                problem: .tooLarge
            )
        }
        return data
    }

    /// Checks a file's size before it is parsed.
    static func checkSize(_ count: Int, limit: Int) throws(TranscriptParseFailure) {
        guard count <= limit else { throw TranscriptParseFailure("\(count) bytes, more than the limit of \(limit)") }
    }

    /// Checks the longest line of a line-based text (WebVTT, SRT) before it is parsed.
    func checkLines(of data: Data) throws(TranscriptParseFailure) {
        let longest = data.withUnsafeBytes { bytes -> (length: Int, line: Int) in
            var lineStart = 0
            var lineNumber = 1
            var longest = (length: 0, line: 1)
            for offset in 0...bytes.count where offset == bytes.count || bytes[offset] == UInt8(ascii: "\n") {
                if offset - lineStart > longest.length { longest = (offset - lineStart, lineNumber) }
                lineStart = offset + 1
                lineNumber += 1
            }
            return longest
        }
        guard longest.length <= maxLineBytes else { throw longLine(longest.line) }
    }

    private func longLine(_ number: Int) -> TranscriptParseFailure {
        TranscriptParseFailure("line \(number) is longer than \(maxLineBytes) bytes")
    }

    /// A word as an error message shows it: quoted, at most 24 characters, on one line.
    static func quoted(_ text: String) -> String {
        "\"" + String(text.prefix(24).map { $0.isNewline || $0 == "\t" ? " " : $0 }) + "\""
    }

    private static func seconds(_ value: Double) -> String {
        String((value * 100).rounded() / 100)
    }
}

extension CueTiming {
    /// Stops a cue parser as soon as it has more words than a transcript may hold, before the rest is spread.
    static func checkCount(_ words: [Word], limit: Int) throws(TranscriptParseFailure) {
        guard words.count <= limit else {
            throw TranscriptParseFailure("more than \(limit) words, the limit for one transcript")
        }
    }
}

extension TranscriptLimits {
    /// Checks the length of every call-metadata value: names are matched against every word of the transcript
    /// and spoken back in rubric evidence, so a megabyte name would cost time on every word.
    func validate(_ metadata: CallMetadata) throws(TranscriptParseFailure) {
        let named = [("agentName", metadata.agentName), ("customerName", metadata.customerName),
                     ("company", metadata.company)]
        for (key, value) in named + metadata.fields.sorted(by: { $0.key < $1.key }).map({ ($0.key, Optional($0.value)) }) {
            guard let value else { continue }
            guard key.count <= maxMetadataFieldCharacters, value.count <= maxMetadataFieldCharacters else {
                throw TranscriptParseFailure("\"\(key.prefix(40))\" is longer than \(maxMetadataFieldCharacters) "
                    + "characters")
            }
        }
    }
}
