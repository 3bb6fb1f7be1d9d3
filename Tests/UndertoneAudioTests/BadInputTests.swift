import Foundation
import Testing
import UndertoneAudio

/// Every kind of bad input gets a typed error whose one-line message names the file and the reason.
@Suite struct BadInputTests {
    /// Opens `path` and reads it to the end, as `undertone info --decode` does; returns the error it throws.
    static func failure(_ path: String, channels: ChannelMap? = nil) -> AudioError? {
        do throws(AudioError) {
            var reader = try AnalysisAudioReader(path: path, channels: channels)
            var tracks: [[Float]] = []
            while try reader.read(into: &tracks) {}
            return nil
        } catch {
            return error
        }
    }

    /// The first half of a committed fixture, as a download or copy cut short would leave it.
    static func firstHalf(of fixture: String, in directory: TemporaryDirectory) throws -> String {
        let whole = try Data(contentsOf: URL(fileURLWithPath: FixturePaths.format(fixture)))
        return try directory.file("half-" + fixture, bytes: Array(whole.prefix(whole.count / 2)))
    }

    private func expectFailure(
        _ path: String, _ kind: AudioError.Kind, _ reason: String, channels: ChannelMap? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let error = Self.failure(path, channels: channels)
        #expect(error?.kind == kind, sourceLocation: sourceLocation)
        #expect(error?.description == "\(path): \(reason)", sourceLocation: sourceLocation)
        #expect(error?.description.contains("\n") == false, sourceLocation: sourceLocation)
    }

    @Test func nonexistentPath() {
        expectFailure("/nonexistent/undertone/call.wav", .notFound, "no such file")
    }

    @Test func directory() throws {
        let directory = try TemporaryDirectory()
        expectFailure(directory.path, .isDirectory, "is a directory, not an audio file")
    }

    /// A FIFO would block `open` forever; it must be refused before libsndfile sees it. The refusal is timed inside
    /// the test (a time limit also counts the time a test waits for a thread on a loaded machine); the limit only
    /// stops a hang.
    @Test(.timeLimit(.minutes(10))) func fifoIsRefusedWithoutBlocking() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/tap.wav"
        #expect(mkfifo(path, 0o644) == 0)
        let took = ContinuousClock().measure { expectFailure(path, .unreadable, "is a FIFO, not a regular file") }
        #expect(took < .seconds(5), "\(took)")
    }

    /// A file the user may not read. Root reads mode-000 files, so the check runs in a child process that drops
    /// to user `nobody` (uid 65534) first when the tests run as root; as any other user the chmod alone suffices.
    @Test func unreadableFile() async {
        await #expect(processExitsWith: .success) {
            let directory = NSTemporaryDirectory() + "undertone-unreadable-\(getpid())"
            mkdir(directory, 0o755)
            let path = directory + "/locked.wav"
            _ = FileManager.default.createFile(atPath: path, contents: Data(WAVBuilder.bytes()))
            chmod(path, 0)
            let wasRoot = geteuid() == 0
            if wasRoot, seteuid(65534) != 0 { exit(2) }
            let error = BadInputTests.failure(path)
            if wasRoot { _ = seteuid(0) }
            try? FileManager.default.removeItem(atPath: directory)
            let expected = "\(path): cannot be opened for reading: Permission denied"
            exit(error?.kind == .unreadable && error?.description == expected ? 0 : 1)
        }
    }

    @Test func emptyFile() throws {
        let directory = try TemporaryDirectory()
        expectFailure(try directory.file("empty.wav", bytes: []), .empty, "file is empty (0 bytes)")
    }

    /// Cut inside the RIFF header, inside the fmt chunk, and inside the data chunk's header.
    @Test(arguments: [6, 20, 40])
    func truncatedHeader(keptBytes: Int) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.file("cut.wav", bytes: Array(WAVBuilder.bytes().prefix(keptBytes)))
        expectFailure(path, .truncated, "WAV header is truncated: the file ends before the audio data starts")
    }

    @Test func truncatedWAVData() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.file("short.wav", bytes: WAVBuilder.bytes(declaredDataBytes: 8000))
        expectFailure(path, .truncated, "data chunk declares 8000 bytes but only 400 are present (file cut short?)")
    }

    /// MP3 keeps its length in a Xing header; the decoder runs dry half-way.
    @Test func truncatedMP3Data() throws {
        let directory = try TemporaryDirectory()
        let path = try Self.firstHalf(of: "clip.mp3", in: directory)
        let error = Self.failure(path)
        #expect(error?.kind == .truncated)
        #expect(error?.description.hasPrefix("\(path): audio ends after ") == true)
        #expect(error?.description.hasSuffix(" of the 80000 frames the header declares (file cut short?)") == true)
    }

    /// FLAC's decoder loses sync in the partial last frame: reported with how far it got.
    @Test func truncatedFLACData() throws {
        let directory = try TemporaryDirectory()
        let path = try Self.firstHalf(of: "clip.flac", in: directory)
        let error = Self.failure(path)
        #expect(error?.kind == .decodingFailed)
        #expect(error?.description.hasPrefix("\(path): decoding failed after ") == true)
        #expect(error?.description.contains("of 80000 frames (file cut short or corrupt?)") == true)
    }

    @Test func truncatedOggStream() throws {
        let directory = try TemporaryDirectory()
        let path = try Self.firstHalf(of: "clip-vorbis.ogg", in: directory)
        expectFailure(path, .truncated, "stream has no final page, so its length is unknown (file cut short?)")
    }

    @Test func randomBytesNamedWAV() throws {
        var state: UInt32 = 12345
        let noise = (0..<4096).map { _ -> UInt8 in
            state = state &* 1_664_525 &+ 1_013_904_223
            return UInt8(truncatingIfNeeded: state >> 24)
        }
        let directory = try TemporaryDirectory()
        expectFailure(try directory.file("noise.wav", bytes: noise), .unrecognisedFormat,
                      "not a recognised audio file format")
    }

    @Test func unsupportedCodec() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.file("odd.wav", bytes: WAVBuilder.bytes(formatTag: 0x1234))
        expectFailure(path, .unsupportedCodec, "WAV format tag 0x1234 is not a codec Undertone can decode")
    }

    @Test func zeroChannels() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.file("none.wav", bytes: WAVBuilder.bytes(channels: 0))
        expectFailure(path, .noChannels, "header declares 0 channels")
    }

    @Test(arguments: [0, 1, 999, 384_001, 1_000_000] as [UInt32])
    func absurdSampleRate(rate: UInt32) throws {
        let directory = try TemporaryDirectory()
        let path = try directory.file("rate.wav", bytes: WAVBuilder.bytes(rate: rate))
        expectFailure(path, .absurdSampleRate,
                      "header declares an absurd sample rate of \(rate) Hz (expected 1000–384000 Hz)")
    }

    @Test func moreThanTwoChannelsAsksWhichTwo() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.file("four.wav", bytes: WAVBuilder.bytes(channels: 4))
        expectFailure(path, .tooManyChannels, "has 4 channels; give a channel map AGENT,CUSTOMER (e.g. 0,1) to pick two")
        #expect(Self.failure(path, channels: ChannelMap(agent: 3, customer: 1)) == nil)
    }

    @Test func channelThatDoesNotExist() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.file("stereo.wav", bytes: WAVBuilder.bytes(channels: 2))
        expectFailure(path, .invalidParameter, "has 2 channels; channel 2 does not exist (channels count from 0)",
                      channels: ChannelMap(agent: 2, customer: 0))
    }
}
