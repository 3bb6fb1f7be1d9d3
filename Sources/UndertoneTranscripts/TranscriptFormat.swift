import UndertoneAudio

/// The transcript formats `TranscriptReader` recognises, told apart by content rather than file extension.
public enum TranscriptFormat: String, Sendable, Codable, CaseIterable {
    /// W3C WebVTT with `<v Speaker>` voice spans and optional inline `<00:00:01.500>` word timestamps.
    case webVTT
    /// SubRip subtitles; speakers only as `Name:` text prefixes.
    case srt
    /// AWS Transcribe batch JSON (`results.items`, `speaker_labels`, `channel_labels`).
    case awsTranscribe
    /// AWS Transcribe Call Analytics / Contact Lens JSON (`Transcript[]` turns with `Items`, integer milliseconds).
    case awsCallAnalytics
    /// Deepgram pre-recorded JSON (`results.channels[].alternatives[].words`).
    case deepgram
    /// OpenAI Whisper: the API's top-level `words` or the Python package's `segments[].words`.
    case whisper
    /// AssemblyAI JSON (integer milliseconds, `words` / `utterances`).
    case assemblyAI
    /// Google Cloud Speech-to-Text v1 or v2 JSON (`results[].alternatives[].words`).
    case googleSpeech
    /// Undertone's own `{"format":"undertone","words":[…]}`.
    case undertone
}
