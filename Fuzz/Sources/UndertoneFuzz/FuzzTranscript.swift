import Foundation
import UndertoneAnalysis

/// Any bytes as a transcript: format detection, then the WebVTT, SRT or vendor JSON parser it picks (AWS, Deepgram,
/// Whisper, AssemblyAI, Google, Undertone). Every word returned must pass the limits; anything else is a
/// TranscriptError with one line.
enum FuzzTranscript {
    static func run(_ input: UnsafeBufferPointer<UInt8>) {
        do throws(TranscriptError) {
            let transcript = try TranscriptReader.parse(Data(input), source: "fuzz")
            for word in transcript.words {
                precondition(word.start.isFinite && word.end >= word.start && word.end <= 8 * 3600, "unchecked time")
                precondition((word.channel ?? 0) >= 0 && (word.channel ?? 0) < 64, "unchecked channel")
            }
            // Everything downstream of the parsers must take what they let through.
            _ = analyzer.analyze(words: transcript.words)
        } catch {
            precondition(!error.description.contains("\n"), "multi-line error")
        }
    }

    /// Loaded once, on the first input.
    nonisolated(unsafe) static let analyzer = try! SentimentAnalyzer()
}
