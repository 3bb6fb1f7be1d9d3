import Foundation
import Testing
import UndertoneAudio

@Suite struct StreamDecoderTests {
    /// Values from the ITU-T G.711 decoding tables, in 16-bit units.
    @Test func mulawCodesDecodeToG711Values() {
        let known: [(UInt8, Int16)] = [
            (0x00, -32124), (0x0F, -16764), (0x10, -15996), (0x7E, -8), (0x7F, 0),
            (0x80, 32124), (0x8F, 16764), (0xFE, 8), (0xFF, 0),
        ]
        for (code, value) in known { #expect(G711Decoder.linear(mulaw: code) == value, "code \(code)") }
    }

    @Test func alawCodesDecodeToG711Values() {
        let known: [(UInt8, Int16)] = [
            (0x00, -5504), (0x01, -5248), (0x02, -6016), (0x03, -5760), (0x55, -8), (0xD5, 8),
            (0x2A, -32256), (0xAA, 32256), (0x80, 5504),
        ]
        for (code, value) in known { #expect(G711Decoder.linear(alaw: code) == value, "code \(code)") }
    }

    /// The live decoders agree sample for sample with libsndfile reading the same bytes from a WAV file.
    @Test(arguments: [StreamEncoding.pcm16, .mulaw, .alaw])
    func matchesFileDecoding(encoding: StreamEncoding) throws {
        let name = ["pcm16": "clip-pcm16.wav", "mulaw": "clip-mulaw.wav", "alaw": "clip-alaw.wav"][encoding.rawValue]!
        let fileSamples = try FormatFixtureTests.decodeWhole(name).tracks
        let decoded = try Self.decode(encoding, Self.dataChunk(of: name), chunkSizes: [160])
        #expect(decoded == fileSamples)
    }

    /// However the bytes are split (single bytes, odd sizes that cut samples and frames, one big chunk), the
    /// decoded samples are identical.
    @Test(arguments: [StreamEncoding.pcm16, .mulaw, .alaw])
    func chunkingDoesNotChangeOutput(encoding: StreamEncoding) throws {
        let name = ["pcm16": "clip-pcm16.wav", "mulaw": "clip-mulaw.wav", "alaw": "clip-alaw.wav"][encoding.rawValue]!
        let bytes = Array(try Self.dataChunk(of: name).prefix(6001))  // odd: ends inside a sample or a frame
        let whole = try Self.decode(encoding, bytes, chunkSizes: [bytes.count])
        for sizes in [[1], [3], [2, 1], [7, 1, 160, 5], [333], Self.pseudoRandomSizes()] {
            #expect(try Self.decode(encoding, bytes, chunkSizes: sizes) == whole, "chunk sizes \(sizes.prefix(8))")
        }
        #expect(whole.count == 2)
        let bytesPerSample = encoding == .pcm16 ? 2 : 1
        // Whole frames only: the last frame's first sample waits for its second (issue 16).
        #expect(whole[0].count == bytes.count / bytesPerSample / 2)
        #expect(whole[1].count == whole[0].count)
    }

    @Test func pcm16DecodesKnownSamples() throws {
        var decoder = try PCM16Decoder(channels: 2)
        var output: [[Float]] = []
        try decoder.decode(WAVBuilder.pcm16([0, -32768, 32767, 16384]), appendingTo: &output)
        #expect(output == [[0, 32767 / 32768], [-1, 0.5]])
    }

    @Test func opusRejectsUnsupportedRate() {
        #expect(throws: AudioError.self) { _ = try OpusDecoder(sampleRate: 44100, channels: 1) }
    }

    // MARK: helpers

    static func dataChunk(of name: String) throws -> [UInt8] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: FixturePaths.format(name))))
        var offset = 12
        while offset + 8 <= bytes.count {
            let size = Int(bytes[offset + 4]) | Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6]) << 16
                | Int(bytes[offset + 7]) << 24
            if bytes[offset..<(offset + 4)].elementsEqual("data".utf8) {
                return Array(bytes[(offset + 8)..<(offset + 8 + size)])
            }
            offset += 8 + size + (size & 1)
        }
        throw AudioError(.truncated, source: name, reason: "no data chunk")
    }

    /// Decodes stereo `bytes`, cycling through `chunkSizes` to split them.
    static func decode(_ encoding: StreamEncoding, _ bytes: [UInt8], chunkSizes: [Int]) throws -> [[Float]] {
        var collector = Collector(bytes: bytes, chunkSizes: chunkSizes)
        return try encoding.withDecoder(sampleRate: 8000, channels: 2, source: "test", &collector)
    }

    static func pseudoRandomSizes() -> [Int] {
        var state: UInt32 = 7
        return (0..<200).map { _ in
            state = state &* 1_664_525 &+ 1_013_904_223
            return Int(state >> 26) + 1
        }
    }

    /// Feeds the bytes through whichever decoder the encoding creates, as the live command does.
    struct Collector: StreamDecoderVisitor {
        let bytes: [UInt8]
        let chunkSizes: [Int]

        mutating func visit<Decoder: StreamDecoder & ~Copyable>(_ decoder: inout Decoder) throws(AudioError)
            -> [[Float]]
        {
            var output: [[Float]] = []
            var start = 0
            var turn = 0
            while start < bytes.count {
                let end = min(bytes.count, start + chunkSizes[turn % chunkSizes.count])
                try decoder.decode(Array(bytes[start..<end]), appendingTo: &output)
                start = end
                turn += 1
            }
            return output
        }
    }
}
