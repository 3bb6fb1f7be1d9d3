import LibFuzzerDriver
import UndertoneAudio

// Any bytes as an audio file (WAV, FLAC, Ogg Vorbis/Opus, MP3, anything libsndfile sniffs): opening and decoding to
// the end must give samples or an AudioError, never a trap, a hang or unbounded memory. Read from memory, as the
// server reads an upload (a path differs only in how libsndfile gets the bytes) and with no file written per input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    do throws(AudioError) {
        var reader = try AnalysisAudioReader(
            bytes: Array(UnsafeBufferPointer(start: data, count: size)), name: "fuzz", channels: .agentFirst,
            maxSeconds: 600)
        var tracks: [[Float]] = []
        while try reader.read(into: &tracks) {
            precondition(tracks.allSatisfy { $0.count == tracks[0].count }, "tracks of unequal length")
        }
    } catch {
        precondition(!error.description.contains("\n"), "multi-line error")
    }
    return 0
}

// The debug build's entry (see LibFuzzerDriver); in this file, so that `fuzz` has one C symbol.
@_cdecl("FuzzAudioFile_main")
func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runLibFuzzer(argc, argv, fuzz)
}
