import UndertoneAudio

/// Any bytes as an audio file (WAV, FLAC, Ogg Vorbis/Opus, MP3, anything libsndfile sniffs): opening and decoding to
/// the end must give samples or an AudioError, never a trap, a hang or unbounded memory. Read from memory, as the
/// server reads an upload (a path differs only in how libsndfile gets the bytes), with no file written per input.
enum FuzzAudioFile {
    static func run(_ input: UnsafeBufferPointer<UInt8>) {
        do throws(AudioError) {
            var reader = try AnalysisAudioReader(
                bytes: Array(input), name: "fuzz", channels: .agentFirst, maxSeconds: 600)
            var tracks: [[Float]] = []
            while try reader.read(into: &tracks) {
                precondition(tracks.allSatisfy { $0.count == tracks[0].count }, "tracks of unequal length")
            }
        } catch {
            precondition(!error.description.contains("\n"), "multi-line error")
        }
    }
}
