import Testing
import UndertoneAudio

@Suite struct AnalysisAudioReaderTests {
    /// A stereo 16-bit WAV with a 440 Hz tone on channel 0 and 1000 Hz on channel 1.
    static func twoToneFile(in directory: TemporaryDirectory, rate: Int, seconds: Double = 1) throws -> String {
        let count = Int(Double(rate) * seconds)
        let left = TestSignals.sine(frequency: 440, rate: rate, count: count)
        let right = TestSignals.sine(frequency: 1000, rate: rate, count: count)
        let interleaved = zip(left, right).flatMap { [Int16($0 * 32767), Int16($1 * 32767)] }
        return try directory.file("tones-\(rate).wav", bytes: WAVBuilder.bytes(
            rate: UInt32(rate), data: WAVBuilder.pcm16(interleaved)))
    }

    static func readAll(_ path: String, channels: ChannelMap? = nil, blockFrames: Int = 1 << 14) throws
        -> (tracks: [[Float]], roles: [Speaker], largestBlock: Int)
    {
        var reader = try AnalysisAudioReader(path: path, channels: channels, blockFrames: blockFrames)
        var whole = [[Float]](repeating: [], count: reader.roles.count)
        var block: [[Float]] = []
        var largest = 0
        while try reader.read(into: &block) {
            #expect(Set(block.map(\.count)).count == 1, "tracks of one block have equal lengths")
            largest = max(largest, block[0].count)
            for track in block.indices { whole[track] += block[track] }
        }
        return (whole, reader.roles, largest)
    }

    @Test func stereoDefaultsToAgentOnChannelZero() throws {
        let directory = try TemporaryDirectory()
        let result = try Self.readAll(try Self.twoToneFile(in: directory, rate: 8000))
        #expect(result.roles == [.agent, .customer])
        #expect(abs(TestSignals.toneFrequency(result.tracks[0][...], rate: 8000) - 440) < 0.1)
        #expect(abs(TestSignals.toneFrequency(result.tracks[1][...], rate: 8000) - 1000) < 0.1)
    }

    /// Amazon Connect puts the customer first: the agent track must then come from channel 1.
    @Test func customerFirstSwapsTheTracks() throws {
        let directory = try TemporaryDirectory()
        let result = try Self.readAll(try Self.twoToneFile(in: directory, rate: 8000), channels: .customerFirst)
        #expect(result.roles == [.agent, .customer])
        #expect(abs(TestSignals.toneFrequency(result.tracks[0][...], rate: 8000) - 1000) < 0.1)
        #expect(abs(TestSignals.toneFrequency(result.tracks[1][...], rate: 8000) - 440) < 0.1)
    }

    @Test func monoIsOneMixedTrack() throws {
        let result = try Self.readAll(FixturePaths.format("clip-gsm-mono.wav"))
        #expect(result.roles == [.mixed])
        #expect(result.tracks[0].count == 80000)
    }

    /// Blocks never exceed the block size at the file's rate, so memory does not grow with the call's length.
    @Test func blocksAreBoundedAndConcatenateToTheWhole() throws {
        let small = try Self.readAll(FixturePaths.format("clip-mulaw.wav"), blockFrames: 1000)
        let large = try Self.readAll(FixturePaths.format("clip-mulaw.wav"), blockFrames: 1 << 17)
        #expect(small.largestBlock == 1000)
        #expect(small.tracks == large.tracks)
        #expect(large.tracks[0].count == 80000)
    }

    @Test(arguments: [16000, 44100, 48000])
    func otherRatesArriveAtEightKilohertz(rate: Int) throws {
        let directory = try TemporaryDirectory()
        let result = try Self.readAll(try Self.twoToneFile(in: directory, rate: rate, seconds: 2), blockFrames: 3000)
        #expect(result.tracks.allSatisfy { abs($0.count - 16000) <= 1 })
        #expect(abs(TestSignals.toneFrequency(result.tracks[0][800..<15200], rate: 8000) - 440) < 0.05)
        #expect(abs(TestSignals.toneFrequency(result.tracks[1][800..<15200], rate: 8000) - 1000) < 0.05)
    }

    @Test func channelMapParsesTheCommandLineForm() {
        #expect(ChannelMap(argument: "0,1") == .agentFirst)
        #expect(ChannelMap(argument: "1, 0") == .customerFirst)
        #expect(ChannelMap(argument: "3,2") == ChannelMap(agent: 3, customer: 2))
        for bad in ["", "0", "0,0", "0,1,2", "a,b", "-1,0"] { #expect(ChannelMap(argument: bad) == nil, "\(bad)") }
        #expect(ChannelMap.customerFirst.description == "1,0")
    }
}

extension AnalysisAudioReaderTests {
    /// A four-channel file with a different tone on each channel: an explicit map picks exactly those two.
    @Test func explicitMapPicksTwoOfFourChannels() throws {
        let frequencies = [300.0, 500.0, 700.0, 900.0]
        let tones = frequencies.map { TestSignals.sine(frequency: $0, rate: 8000, count: 8000) }
        let interleaved = (0..<8000).flatMap { frame in tones.map { Int16($0[frame] * 32767) } }
        let directory = try TemporaryDirectory()
        let path = try directory.file("four.wav", bytes: WAVBuilder.bytes(
            channels: 4, data: WAVBuilder.pcm16(interleaved)))
        let result = try Self.readAll(path, channels: ChannelMap(agent: 3, customer: 1), blockFrames: 1000)
        #expect(result.roles == [.agent, .customer])
        #expect(result.tracks.map(\.count) == [8000, 8000])
        #expect(result.largestBlock == 500)
        #expect(abs(TestSignals.toneFrequency(result.tracks[0][...], rate: 8000) - 900) < 0.1)
        #expect(abs(TestSignals.toneFrequency(result.tracks[1][...], rate: 8000) - 500) < 0.1)
    }
}
