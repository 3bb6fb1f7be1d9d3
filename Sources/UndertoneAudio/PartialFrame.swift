/// The samples of one interleaved frame gathered across chunks: a byte-stream decoder appends a frame to its
/// channels only once every channel's sample has arrived, so a stream cut mid-frame never leaves the channels
/// with different lengths.
struct PartialFrame: Sendable {
    private var samples: [Float]
    /// Samples of the current frame received so far.
    private(set) var filled = 0

    init(channels: Int) {
        samples = [Float](repeating: 0, count: channels)
    }

    @inline(__always)
    mutating func add(_ sample: Float, to output: inout [[Float]]) {
        samples[filled] = sample
        filled += 1
        guard filled == samples.count else { return }
        for channel in samples.indices { output[channel].append(samples[channel]) }
        filled = 0
    }

    /// Throws when the stream ended inside a frame.
    func checkEmpty(strayBytes: Int, frameBytes: Int, source: String) throws(AudioError) {
        guard strayBytes > 0 else { return }
        throw AudioError(.truncated, source: source, reason: "stream ended inside a frame (\(strayBytes) of its "
            + "\(frameBytes) bytes)")
    }
}
