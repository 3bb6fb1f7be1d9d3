import Foundation
import LibFuzzerDriver
import UndertoneAnalysis

// Any bytes as call metadata.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    do throws(TranscriptError) {
        let metadata = try CallMetadata.parse(Data(bytes: data, count: size), source: "fuzz")
        precondition((metadata.agentName?.count ?? 0) <= 1000, "unchecked field length")
    } catch {
        precondition(!error.description.contains("\n"), "multi-line error")
    }
    return 0
}

// The debug build's entry (see LibFuzzerDriver); in this file, so that `fuzz` has one C symbol.
@_cdecl("FuzzMetadata_main")
func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runLibFuzzer(argc, argv, fuzz)
}
