import UndertoneAnalysis
import UndertoneAudio
import UndertoneDSP

/// The live loop over raw input: decode each chunk, convert it to the analysis rate, pace it, run the session and
/// print what it raises. Generic over the decoder, so the per-chunk path has no existential.
struct RawStreamLoop: StreamDecoderVisitor, ~Copyable {
    let source: String
    let rate: Int
    let map: ChannelMap
    var feed: LiveFeed
    var session: LiveCallSession

    mutating func visit<Decoder: StreamDecoder & ~Copyable>(_ decoder: inout Decoder) throws(AudioError) {
        var input = try RawInput(path: source)
        let channels = decoder.channels
        var resampler = rate == FrameClock.sampleRate
            ? nil : try Resampler(from: rate, to: FrameClock.sampleRate, channels: channels)
        let isPacketStream = Decoder.self == OpusDecoder.self
        // 20 ms of input per read: the granularity of the usual live carriers.
        let chunkBytes = rate / 50 * channels * (Decoder.self == PCM16Decoder.self ? 2 : 1)
        var decoded = [[Float]](repeating: [], count: channels)
        var converted = [[Float]](repeating: [], count: channels)
        while true {
            for channel in decoded.indices { decoded[channel].removeAll(keepingCapacity: true) }
            if isPacketStream {
                guard let packet = try input.nextLengthPrefixedPacket() else { break }
                try decoder.decode(packet, appendingTo: &decoded)
            } else {
                let bytes = try input.read(upTo: chunkBytes)
                if bytes.isEmpty { break }
                try decoder.decode(Array(bytes), appendingTo: &decoded)
            }
            if resampler == nil {
                run(decoded)
            } else {
                for channel in converted.indices { converted[channel].removeAll(keepingCapacity: true) }
                try resampler?.process(decoded, appendingTo: &converted)
                run(converted)
            }
        }
        try decoder.finish()
        for channel in converted.indices { converted[channel].removeAll(keepingCapacity: true) }
        try resampler?.flush(appendingTo: &converted)
        run(converted)
        feed.finish(&session)
    }

    /// Routes decoded channels to the session's parties and runs it.
    private mutating func run(_ samples: [[Float]]) {
        feed.feed(samples.count == 1 ? samples : [samples[map.agent], samples[map.customer]], to: &session)
    }
}
