/// A decoder for a live tap: fed chunks as they arrive, it appends Float samples in [-1, 1] per channel.
///
/// Byte-stream decoders (``PCM16Decoder``, ``G711Decoder``) accept chunks of any size, split anywhere (even
/// inside a sample or between the channels of a frame), and produce the same samples however the stream was
/// chunked. ``OpusDecoder`` takes one whole Opus packet per chunk, as RTP and WebSocket carriers deliver them.
public protocol StreamDecoder: ~Copyable {
    /// Samples per second of the decoded output.
    var sampleRate: Int { get }
    /// Channels of the decoded output.
    var channels: Int { get }
    /// Decodes `chunk`, appending channel `c`'s samples to `output[c]`.
    ///
    /// `output` is given one array per channel if it has fewer.
    mutating func decode(_ chunk: UnsafeRawBufferPointer, appendingTo output: inout [[Float]]) throws(AudioError)
    /// Ends the stream: throws ``AudioError/Kind/truncated`` if it stopped inside a sample frame. Decoders only
    /// ever append whole frames, so every channel's output has the same length after each chunk.
    func finish() throws(AudioError)
}

extension StreamDecoder where Self: ~Copyable {
    /// Decodes the bytes of `chunk`, appending channel `c`'s samples to `output[c]`.
    public mutating func decode(_ chunk: [UInt8], appendingTo output: inout [[Float]]) throws(AudioError) {
        try chunk.withUnsafeBufferPointer { (bytes) throws(AudioError) in
            try decode(UnsafeRawBufferPointer(bytes), appendingTo: &output)
        }
    }

    /// Packet decoders have no partial frames to flush.
    public func finish() throws(AudioError) {}

    func prepare(_ output: inout [[Float]]) {
        while output.count < channels { output.append([]) }
    }
}

/// How a live tap encodes its audio.
public enum StreamEncoding: String, Sendable, CaseIterable {
    /// 16-bit signed little-endian linear PCM, interleaved.
    case pcm16
    /// ITU-T G.711 μ-law bytes (PCMU).
    case mulaw
    /// ITU-T G.711 A-law bytes (PCMA).
    case alaw
    /// Opus packets, one per chunk.
    case opus

    /// Creates the decoder this encoding needs and hands it to `visitor`, so the caller's loop is compiled for
    /// the concrete decoder type (no existential in the per-chunk path).
    public func withDecoder<Visitor: StreamDecoderVisitor & ~Copyable>(
        sampleRate: Int, channels: Int, source: String, _ visitor: inout Visitor
    ) throws(AudioError) -> Visitor.Result {
        switch self {
        case .pcm16:
            var decoder = try PCM16Decoder(sampleRate: sampleRate, channels: channels, source: source)
            return try visitor.visit(&decoder)
        case .mulaw, .alaw:
            var decoder = try G711Decoder(self == .mulaw ? .mulaw : .alaw, sampleRate: sampleRate, channels: channels,
                                          source: source)
            return try visitor.visit(&decoder)
        case .opus:
            var decoder = try OpusDecoder(sampleRate: sampleRate, channels: channels, source: source)
            return try visitor.visit(&decoder)
        }
    }
}

/// The caller's side of ``StreamEncoding/withDecoder(sampleRate:channels:source:_:)``: a loop generic over the
/// decoder type.
public protocol StreamDecoderVisitor: ~Copyable {
    associatedtype Result
    mutating func visit<Decoder: StreamDecoder & ~Copyable>(_ decoder: inout Decoder) throws(AudioError) -> Result
}

func validateStream(sampleRate: Int, channels: Int, source: String) throws(AudioError) {
    guard SoundFile.plausibleSampleRates.contains(sampleRate) else {
        throw AudioError(.absurdSampleRate, source: source, reason: "sample rate \(sampleRate) Hz is not plausible")
    }
    guard (1...8).contains(channels) else {
        throw AudioError(.invalidParameter, source: source, reason: "\(channels) channels (expected 1 to 8)")
    }
}
