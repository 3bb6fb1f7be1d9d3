import Foundation
import Testing

/// Issue 16, audio: a header's promise never sizes a buffer, and a header that promises less audio than the file
/// holds is an error, never a silently shorter analysis.
@Suite struct HostileAudioTests {
    @Test func headerLengthsThatWouldAllocateTerabytes() throws {
        let inputs = try HostileInputs("alloc")
        defer { inputs.remove() }
        let cases = [
            // Xing frame count 0xFFFFFFFF (bytes 74–77 of clip.mp3).
            try inputs.patched("xing.mp3", from: "formats/clip.mp3", at: 74, [0xFF, 0xFF, 0xFF, 0xFF]),
            try inputs.flacWithTotal("huge.flac", (1 << 36) - 1),
            try inputs.oggWithLastGranule("opus-2p50.opus", from: "formats/clip-opus.opus", 1 << 50),
            try inputs.oggWithLastGranule("vorbis-max.ogg", from: "formats/clip-vorbis.ogg", UInt64(Int64.max)),
        ]
        for path in cases {
            try ChildRun.run(["analyze", path]).expectRejected(naming: path, "")
        }
    }

    @Test func headersDeclaringLessAudioThanTheFileHolds() throws {
        let inputs = try HostileInputs("short")
        defer { inputs.remove() }
        let dataOffset = try HostileInputs.fixture("formats/clip-pcm16.wav").firstRange(of: Array("data".utf8))!
            .lowerBound
        for declared in [0, 1, 2, 1000] {
            let path = try inputs.patched("data\(declared).wav", from: "formats/clip-pcm16.wav", at: dataOffset + 4,
                                          HostileInputs.le32(declared))
            try ChildRun.run(["analyze", path])
                .expectRejected(naming: path, "data chunk declares \(declared) bytes but 320000 bytes of audio follow it")
        }
        let half = try inputs.flacWithTotal("half.flac", 40_000)
        try ChildRun.run(["info", "--decode", half]).expectRejected(naming: half, "STREAMINFO declares 40000 samples")
        for (name, fixture, granule) in [("opus0.opus", "formats/clip-opus.opus", UInt64(0)),
                                         ("vorbis0.ogg", "formats/clip-vorbis.ogg", 0),
                                         ("vorbis-1.ogg", "formats/clip-vorbis.ogg", UInt64.max)] {
            let path = try inputs.oggWithLastGranule(name, from: fixture, granule)
            try ChildRun.run(["analyze", path]).expectRejected(naming: path, "the last Ogg page declares granule")
        }
    }

    @Test func flacWithoutTotalSaysSo() throws {
        let inputs = try HostileInputs("flac0")
        defer { inputs.remove() }
        let path = try inputs.flacWithTotal("zero.flac", 0)
        try ChildRun.run(["analyze", path]).expectRejected(naming: path, "STREAMINFO gives no total length")
    }

    /// An MP3 cut 410 bytes short decodes 9.87 s: the report says so instead of the header's 10 s.
    @Test func reportedDurationIsWhatDecoded() throws {
        let inputs = try HostileInputs("mp3short")
        defer { inputs.remove() }
        let whole = try HostileInputs.fixture("formats/clip.mp3")
        let path = try inputs.write("short.mp3", Array(whole.dropLast(410)))
        let run = try ChildRun.run(["analyze", path])
        #expect(run.status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        let duration = (report?["call"] as? [String: Any])?["durationSeconds"] as? Double
        #expect(duration.map { $0 < 9.95 && $0 > 9.8 } == true, "durationSeconds \(String(describing: duration))")
    }

    /// libmpg123's own diagnostics ("dequantization failed!", "Illegal Audio-MPEG-Header", "Trying to resync...")
    /// do not reach stderr: a damaged MP3 gives Undertone's one line and nothing else.
    @Test func damagedMP3GivesOneLineWithoutDecoderChatter() throws {
        let inputs = try HostileInputs("mp3damaged")
        defer { inputs.remove() }
        var bytes = try HostileInputs.fixture("formats/clip.mp3")
        for index in stride(from: 2000, to: bytes.count - 2000, by: 97) { bytes[index] = UInt8(truncatingIfNeeded: index * 131) }
        let path = try inputs.write("damaged.mp3", bytes)
        try ChildRun.run(["analyze", path]).expectRejected(naming: path, "frames the header declares")
    }
}
