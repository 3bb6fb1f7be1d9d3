/// libFuzzer's driver, for the executables whose `main` is not libFuzzer's.
///
/// A release build links libFuzzer's own `main`, which calls the target's `LLVMFuzzerTestOneInput`. A debug build
/// links each executable's `main` as `<Target>_main` (SwiftPM's entry-point renaming for testable executables), so
/// every target defines that entry in the same file as its `LLVMFuzzerTestOneInput` and hands over to libFuzzer
/// here. (Referring to the test function from a second file made a non-whole-module build emit its C symbol twice.)
@_silgen_name("LLVMFuzzerRunDriver")
private func llvmFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32

/// Runs libFuzzer with the process's arguments on `testOneInput`; returns its exit status.
public func runLibFuzzer(
    _ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ testOneInput: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32 {
    var argc = argc
    var argv = argv
    return llvmFuzzerRunDriver(&argc, &argv, testOneInput)
}
