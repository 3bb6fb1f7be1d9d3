import Foundation
import LibFuzzerDriver
import UndertoneAnalysis

// Any bytes as a transcript: format detection, then the WebVTT, SRT or vendor JSON parser it picks (AWS, Deepgram,
// Whisper, AssemblyAI, Google, Undertone). Every word returned must pass the limits; anything else is a
// TranscriptError with one line.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    do throws(TranscriptError) {
        let transcript = try TranscriptReader.parse(Data(bytes: data, count: size), source: "fuzz")
        for word in transcript.words {
            precondition(word.start.isFinite && word.end >= word.start && word.end <= 8 * 3600, "unchecked time")
            precondition((word.channel ?? 0) >= 0 && (word.channel ?? 0) < 64, "unchecked channel")
        }
        // Everything downstream of the parsers must take what they let through.
        _ = SentimentAnalyzerHolder.analyzer.analyze(words: transcript.words)
    } catch {
        precondition(!error.description.contains("\n"), "multi-line error")
    }
    return 0
}

enum SentimentAnalyzerHolder {
    nonisolated(unsafe) static let analyzer = try! SentimentAnalyzer()
}

// The debug build's entry (see LibFuzzerDriver); in this file, so that `fuzz` has one C symbol.
@_cdecl("FuzzTranscript_main")
func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runLibFuzzer(argc, argv, fuzz)
}
