import LibFuzzerDriver
import UndertoneAudio

// Live stream bytes: the first byte picks the encoding (PCM16, μ-law, A-law, Opus) and channel count, the rest is
// cut into chunks at the sizes the next bytes say, as a network would. Decoders must emit whole frames only (equal
// channel lengths after every chunk) and fail with an AudioError, never a trap.
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

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 1 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let encoding = StreamEncoding.allCases[Int(bytes[0] & 0x03)]
    let channels = Int(bytes[0] >> 2 & 0x01) + 1
    let rate = encoding == .opus ? 48000 : 8000
    var chunks: [[UInt8]] = []
    var index = 1
    while index < bytes.count {
        let length = min(Int(bytes[index]) + 1, bytes.count - index - 1)
        guard length > 0 else { break }
        chunks.append(Array(bytes[(index + 1)..<(index + 1 + length)]))
        index += 1 + length
    }
    var check = Check(chunks: chunks)
    _ = try? encoding.withDecoder(sampleRate: rate, channels: channels, source: "fuzz", &check)
    return 0
}

// The debug build's entry (see LibFuzzerDriver); in this file, so that `fuzz` has one C symbol.
@_cdecl("FuzzStreamDecoder_main")
func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runLibFuzzer(argc, argv, fuzz)
}
