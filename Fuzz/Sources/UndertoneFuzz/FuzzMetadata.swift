import Foundation
import UndertoneAnalysis

/// Any bytes as call metadata.
enum FuzzMetadata {
    static func run(_ input: UnsafeBufferPointer<UInt8>) {
        do throws(TranscriptError) {
            let metadata = try CallMetadata.parse(Data(input), source: "fuzz")
            precondition((metadata.agentName?.count ?? 0) <= 1000, "unchecked field length")
        } catch {
            precondition(!error.description.contains("\n"), "multi-line error")
        }
    }
}
