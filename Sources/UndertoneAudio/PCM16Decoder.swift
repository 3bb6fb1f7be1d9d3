/// Decodes 16-bit signed little-endian linear PCM, interleaved if multi-channel.
///
/// A chunk may end half-way through a sample or a frame; the odd byte and the frame's first samples are kept for
/// the next chunk, so every channel receives whole frames only.
public struct PCM16Decoder: StreamDecoder {
    public let sampleRate: Int
    public let channels: Int
    private let source: String
    /// The low byte of a sample split across chunks.
    private var pendingLowByte: UInt8?
    /// The frame being assembled across chunks.
    private var partialFrame: PartialFrame

    /// A decoder for one stream.
    public init(sampleRate: Int = 8000, channels: Int = 1, source: String = "PCM16 stream") throws(AudioError) {
        try validateStream(sampleRate: sampleRate, channels: channels, source: source)
        self.sampleRate = sampleRate
        self.channels = channels
        self.source = source
        partialFrame = PartialFrame(channels: channels)
    }

    public func finish() throws(AudioError) {
        let bytes = partialFrame.filled * 2 + (pendingLowByte == nil ? 0 : 1)
        try partialFrame.checkEmpty(strayBytes: bytes, frameBytes: channels * 2, source: source)
    }

    public mutating func decode(_ chunk: UnsafeRawBufferPointer, appendingTo output: inout [[Float]])
        throws(AudioError)
    {
        prepare(&output)
        var index = 0
        if let low = pendingLowByte, !chunk.isEmpty {
            append(low: low, high: chunk[0], to: &output)
            pendingLowByte = nil
            index = 1
        }
        while index + 1 < chunk.count {
            append(low: chunk[index], high: chunk[index + 1], to: &output)
            index += 2
        }
        if index < chunk.count { pendingLowByte = chunk[index] }
    }

    @inline(__always)
    private mutating func append(low: UInt8, high: UInt8, to output: inout [[Float]]) {
        let sample = Int16(bitPattern: UInt16(low) | UInt16(high) << 8)
        partialFrame.add(Float(sample) / 32768, to: &output)
    }
}

extension PCM16Decoder: Sendable {}
