public import Foundation
import UndertoneAudio

/// Reads a transcript file in any supported format into time-ordered `Word`s.
///
/// The format is recognised from the content, never the extension: a `WEBVTT` header, SRT cue timings, or a JSON
/// document whose fields match one vendor's shape (see `TranscriptFormat`). Anything else, or a file of a known
/// format with a missing or impossible field, throws a `TranscriptError` naming the file and the reason.
public enum TranscriptReader {
    /// Reads and parses the transcript at `url`; a file beyond `limits` is rejected.
    public static func read(url: URL, limits: TranscriptLimits = .standard) throws(TranscriptError) -> Transcript {
        let data = try TranscriptLimits.readFile(url, limit: limits.maxBytes, what: "transcript")
        return try parse(data, source: url.path, limits: limits)
    }

    /// Reads one transcript per audio channel (Whisper and other speakerless engines transcribe a stereo call one
    /// channel at a time) and merges them: every word of `urls[i]` gets channel `i`.
    public static func read(
        channelURLs urls: [URL], limits: TranscriptLimits = .standard
    ) throws(TranscriptError) -> Transcript {
        var merged: Transcript?
        for (channel, url) in urls.enumerated() {
            var transcript = try read(url: url, limits: limits)
            for index in transcript.words.indices { transcript.words[index].channel = channel }
            if var sofar = merged {
                sofar.words += transcript.words
                sofar.wordTimesEstimated = sofar.wordTimesEstimated || transcript.wordTimesEstimated
                merged = sofar
            } else {
                merged = transcript
            }
        }
        guard let merged else { throw TranscriptError(file: "(no files)", reason: "no transcript files given", problem: .empty) }
        do throws(TranscriptParseFailure) {
            try limits.validate(merged.words)
        } catch {
            throw TranscriptError(file: urls.map(\.path).joined(separator: ", "), reason: error.reason)
        }
        return sorted(merged)
    }

    /// Parses transcript bytes; `source` names them in errors. Every word is checked against `limits` (finite times
    /// within the longest call, a channel in range, a bounded length and count) before it is returned.
    public static func parse(
        _ data: Data, source: String, limits: TranscriptLimits = .standard
    ) throws(TranscriptError) -> Transcript {
        do throws(TranscriptParseFailure) {
            try TranscriptLimits.checkSize(data.count, limit: limits.maxBytes)
            let transcript = try detectAndParse(data, limits: limits)
            try limits.validate(transcript.words)
            return transcript
        } catch {
            throw TranscriptError(file: source, reason: error.reason)
        }
    }

    private static func detectAndParse(
        _ data: Data, limits: TranscriptLimits
    ) throws(TranscriptParseFailure) -> Transcript {
        guard var text = String(data: data, encoding: .utf8) else {
            throw TranscriptParseFailure("not UTF-8 text, so not a transcript")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let trimmed = text.drop(while: \.isWhitespace)
        guard let first = trimmed.first else { throw TranscriptParseFailure("file is empty") }
        if first == "{" || first == "[" {
            return try parseJSON(JSONObject.parse(Data(trimmed.utf8)))
        }
        try limits.checkLines(of: data)
        if trimmed.hasPrefix("WEBVTT") {
            let parsed = try WebVTTParser.parse(text, maxWords: limits.maxWords)
            return sorted(Transcript(format: .webVTT, words: parsed.words, wordTimesEstimated: parsed.estimated))
        }
        if text.split(maxSplits: 8, whereSeparator: \.isNewline).contains(where: { CueTiming.span(ofTimingLine: $0) != nil }) {
            let parsed = try SRTParser.parse(text, maxWords: limits.maxWords)
            return sorted(Transcript(format: .srt, words: parsed.words, wordTimesEstimated: parsed.estimated))
        }
        throw TranscriptParseFailure(
            "not a recognised transcript (expected WebVTT, SRT, or JSON from AWS Transcribe, Deepgram, Whisper, AssemblyAI, Google Speech-to-Text or Undertone)"
        )
    }

    private static func parseJSON(_ root: JSONObject) throws(TranscriptParseFailure) -> Transcript {
        let format = try format(of: root)
        let words: [Word] = switch format {
        case .undertone: try UndertoneJSONParser.parse(root)
        case .awsCallAnalytics: try AWSTranscribeParser.parseCallAnalytics(root)
        case .awsTranscribe: try AWSTranscribeParser.parseBatch(root)
        case .deepgram: try DeepgramParser.parse(root)
        case .googleSpeech: try GoogleSpeechParser.parse(root)
        case .assemblyAI: try AssemblyAIParser.parse(root)
        case .whisper: try WhisperParser.parse(root)
        case .webVTT, .srt: []
        }
        return sorted(Transcript(format: format, words: words))
    }

    /// Tells the JSON shapes apart by the fields only one vendor uses.
    private static func format(of root: JSONObject) throws(TranscriptParseFailure) -> TranscriptFormat {
        if root.string("format")?.lowercased() == "undertone" { return .undertone }
        if root.has("Transcript") { return .awsCallAnalytics }
        if let results = root.object("results") {
            if results.has("channels") { return .deepgram }
            if results.has("items") || results.has("transcripts") || results.has("channel_labels") { return .awsTranscribe }
        }
        if root.objects("results") != nil { return .googleSpeech }
        // Whisper words say "word"; AssemblyAI words say "text" and come with utterances, status or audio_channels.
        if let first = root.objects("words")?.first {
            return first.has("word") ? .whisper : .assemblyAI
        }
        if root.has("utterances") || root.has("audio_channels") { return .assemblyAI }
        if root.has("segments") { return .whisper }
        throw TranscriptParseFailure(
            "JSON, but not a known transcript shape (no \"words\", \"segments\", \"results\", \"Transcript\" or \"format\":\"undertone\")"
        )
    }

    private static func sorted(_ transcript: Transcript) -> Transcript {
        var transcript = transcript
        transcript.words.sort { ($0.start, $0.channel ?? 0) < ($1.start, $1.channel ?? 0) }
        return transcript
    }
}
