// SwiftPM links an executable with `main` aliased to `FuzzAudioFile_main`; libFuzzer's own `main` is then unused, so this
// one hands over to libFuzzer's driver with the target's `LLVMFuzzerTestOneInput`.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32

@_cdecl("FuzzAudioFile_main")
func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var argc = argc
    var argv = argv
    return runDriver(&argc, &argv, fuzz)
}
