internal import COpus

/// Decodes Opus packets (RFC 6716) through libopus: one packet per chunk, at 8, 12, 16, 24 or 48 kHz output,
/// mono or stereo. Owns its libopus decoder state and frees it on deinit; create one per stream.
public struct OpusDecoder: ~Copyable, StreamDecoder {
    /// Output rates libopus decodes to.
    public static let sampleRates: Set<Int> = [8000, 12000, 16000, 24000, 48000]

    public let sampleRate: Int
    public let channels: Int
    private let source: String
    private let handle: OpaquePointer
    /// Room for the longest packet (120 ms), interleaved.
    private let pcm: UnsafeMutableBufferPointer<Float>
    private let maxFramesPerPacket: Int

    /// A decoder for one stream.
    public init(sampleRate: Int = 48000, channels: Int = 1, source: String = "Opus stream") throws(AudioError) {
        guard Self.sampleRates.contains(sampleRate), channels == 1 || channels == 2 else {
            throw AudioError(.invalidParameter, source: source, reason: "Opus decodes to 8, 12, 16, 24 or 48 kHz, "
                + "mono or stereo; not \(sampleRate) Hz with \(channels) channels")
        }
        var error: Int32 = 0
        guard let handle = opus_decoder_create(Int32(sampleRate), Int32(channels), &error), error == OPUS_OK else {
            throw AudioError(.invalidParameter, source: source, reason: String(cString: opus_strerror(error)))
        }
        self.sampleRate = sampleRate
        self.channels = channels
        self.source = source
        self.handle = handle
        maxFramesPerPacket = sampleRate * 120 / 1000
        pcm = .allocate(capacity: maxFramesPerPacket * channels)
    }

    /// Decodes one whole Opus packet, appending channel `c`'s samples to `output[c]`. An empty chunk decodes to
    /// nothing; use ``concealLoss(frames:appendingTo:)`` for a lost packet.
    public mutating func decode(_ chunk: UnsafeRawBufferPointer, appendingTo output: inout [[Float]])
        throws(AudioError)
    {
        guard !chunk.isEmpty else { return }
        let frames = opus_decode_float(
            handle, chunk.baseAddress?.assumingMemoryBound(to: UInt8.self), Int32(chunk.count), pcm.baseAddress!,
            Int32(maxFramesPerPacket), 0
        )
        try append(frames: frames, to: &output)
    }

    /// Synthesises `frames` frames for a lost packet (libopus packet-loss concealment). `frames` must be a
    /// multiple of 2.5 ms at ``sampleRate``.
    public mutating func concealLoss(frames: Int, appendingTo output: inout [[Float]]) throws(AudioError) {
        let decoded = opus_decode_float(handle, nil, 0, pcm.baseAddress!, Int32(min(frames, maxFramesPerPacket)), 0)
        try append(frames: decoded, to: &output)
    }

    private func append(frames: Int32, to output: inout [[Float]]) throws(AudioError) {
        guard frames >= 0 else {
            throw AudioError(.decodingFailed, source: source, reason: "bad Opus packet: "
                + String(cString: opus_strerror(frames)))
        }
        prepare(&output)
        for channel in 0..<channels {
            output[channel].reserveCapacity(output[channel].count + Int(frames))
            for frame in 0..<Int(frames) { output[channel].append(pcm[frame * channels + channel]) }
        }
    }

    deinit {
        opus_decoder_destroy(handle)
        pcm.deallocate()
    }
}

// The C state has exactly one owner (the type is ~Copyable) and is touched only from `mutating` methods, so moving
// the owner to another task is safe; libraries below are not thread-safe per handle, which exclusivity guarantees.
extension OpusDecoder: @unchecked Sendable {}
