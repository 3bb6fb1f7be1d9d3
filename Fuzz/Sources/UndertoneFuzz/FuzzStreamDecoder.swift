import UndertoneAudio

/// Live stream bytes: the first byte picks the encoding (PCM16, μ-law, A-law, Opus) and channel count, the rest is
/// cut into chunks at the sizes the next bytes say, as a network would. Decoders must emit whole frames only (equal
/// channel lengths after every chunk) and fail with an AudioError, never a trap.
enum FuzzStreamDecoder {
    static func run(_ input: UnsafeBufferPointer<UInt8>) {
        guard input.count > 1 else { return }
        let encoding = StreamEncoding.allCases[Int(input[0] & 0x03)]
        let channels = Int(input[0] >> 2 & 0x01) + 1
        let rate = encoding == .opus ? 48000 : 8000
        var chunks: [[UInt8]] = []
        var index = 1
        while index < input.count {
            let length = min(Int(input[index]) + 1, input.count - index - 1)
            guard length > 0 else { break }
            chunks.append(Array(input[(index + 1)..<(index + 1 + length)]))
            index += 1 + length
        }
        var check = Check(chunks: chunks)
        _ = try? encoding.withDecoder(sampleRate: rate, channels: channels, source: "fuzz", &check)
    }

    struct Check: StreamDecoderVisitor {
        let chunks: [[UInt8]]

        func visit<Decoder: StreamDecoder & ~Copyable>(_ decoder: inout Decoder) throws(AudioError) {
            var output: [[Float]] = []
            for chunk in chunks {
                try decoder.decode(chunk, appendingTo: &output)
                precondition(output.allSatisfy { $0.count == output[0].count }, "channels of unequal length")
            }
            try decoder.finish()
        }
    }
}
