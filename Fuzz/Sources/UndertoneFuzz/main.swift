import Foundation

// All five libFuzzer targets in one executable (one build and one link of the sanitized dependencies instead of
// five, which is most of the CI fuzz step); UNDERTONE_FUZZ_TARGET names the one a process runs.

/// The fuzz targets, named as `Scripts/fuzz/run.sh` and docs/fuzzing.md name them.
enum FuzzTarget: String, CaseIterable {
    case audioFile = "FuzzAudioFile"
    case streamDecoder = "FuzzStreamDecoder"
    case transcript = "FuzzTranscript"
    case metadata = "FuzzMetadata"
    case rubric = "FuzzRubric"

    func run(_ input: UnsafeBufferPointer<UInt8>) {
        switch self {
        case .audioFile: FuzzAudioFile.run(input)
        case .streamDecoder: FuzzStreamDecoder.run(input)
        case .transcript: FuzzTranscript.run(input)
        case .metadata: FuzzMetadata.run(input)
        case .rubric: FuzzRubric.run(input)
        }
    }

    /// The target named by UNDERTONE_FUZZ_TARGET; the process exits with status 2 if it names none.
    static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["UNDERTONE_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data(("UNDERTONE_FUZZ_TARGET='\(name)' is not one of "
                + allCases.map(\.rawValue).joined(separator: ", ") + "\n").utf8))
            exit(2)
        }
        return target
    }()
}

// Chooses the target before libFuzzer runs any input, so that a missing or wrong name is a usage error, not a crash
// written out as a finding.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> Int32 {
    _ = FuzzTarget.selected
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzTarget.selected.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}

// A release build links libFuzzer's own `main`, which calls `LLVMFuzzerTestOneInput`. A debug build links the
// executable's `main` as `UndertoneFuzz_main` (SwiftPM's entry-point renaming for testable executables), which hands
// over to libFuzzer's driver here, in the same file as `fuzz` (referring to it from a second file made the
// non-whole-module debug build emit its C symbol twice).
@_cdecl("UndertoneFuzz_main")
func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var argc = argc
    var argv = argv
    return llvmFuzzerRunDriver(&argc, &argv, fuzz)
}

@_silgen_name("LLVMFuzzerRunDriver")
private func llvmFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32
