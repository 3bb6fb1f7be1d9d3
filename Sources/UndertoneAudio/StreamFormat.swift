/// How a live tap's bytes are encoded: the encoding, its sample rate and its channels.
public struct StreamFormat: Sendable, Equatable {
    public var encoding: StreamEncoding
    /// Samples per second of the encoded stream.
    public var sampleRate: Int
    /// Interleaved channels (PCM, G.711) or coded channels (Opus).
    public var channels: Int

    public init(encoding: StreamEncoding, sampleRate: Int = 8000, channels: Int = 1) {
        self.encoding = encoding
        self.sampleRate = sampleRate
        self.channels = channels
    }

    /// Bytes of 20 ms of a byte-coded stream (PCM16, G.711): the granularity of the usual live carriers. Opus
    /// streams are cut at packet boundaries instead.
    public var bytesPer20ms: Int {
        sampleRate / 50 * channels * (encoding == .pcm16 ? 2 : 1)
    }
}
