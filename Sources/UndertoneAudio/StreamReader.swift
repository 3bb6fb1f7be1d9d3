/// A live tap's bytes in, one track per party at the analysis rate out: decoding, Opus framing, resampling and
/// routing channels to parties — everything between the carrier and the frame analyzers.
///
/// Byte-coded streams (PCM16, G.711) may be pushed in chunks of any size, split anywhere; Opus streams are packets
/// framed by a 2-byte big-endian length (``LengthPrefixedPackets``), or one packet per ``read(packet:into:)``.
/// Samples come out at most 20 ms (or one packet) at a time, so what follows sees the stream at a live carrier's
/// granularity whatever the size of the chunks.
///
///     var reader = try StreamReader(format: StreamFormat(encoding: .mulaw, channels: 2), source: "tap 17")
///     var tracks: [[Float]] = []
///     var offset = 0
///     while try reader.read(chunk, from: &offset, into: &tracks) { analyse(agent: tracks[0], customer: tracks[1]) }
public struct StreamReader: ~Copyable {
    /// The stream's encoding, rate and channels.
    public let format: StreamFormat
    /// The rate of the samples read.
    public let targetRate: Int
    /// The party of each track read, in order: `[.mixed]` for mono, `[.agent, .customer]` for two.
    public let parties: [Speaker]
    private let sourceChannels: [Int]
    private var pcm16: PCM16Decoder?
    private var g711: G711Decoder?
    private var opus: OpusDecoder?
    private var packets: LengthPrefixedPackets
    private var resampler: Resampler?
    private var decoded: [[Float]]
    private var routed: [[Float]]

    /// A reader for one stream.
    ///
    /// - Parameters:
    ///   - channels: Which channel is which party; nil: mono is one mixed track, stereo is agent first.
    ///   - source: The stream's name in errors.
    public init(
        format: StreamFormat, channels map: ChannelMap? = nil, targetRate: Int = 8000, source: String
    ) throws(AudioError) {
        // Everything that can throw comes first: a noncopyable member cannot be left half-built.
        let tracks = try ChannelMap.tracks(for: format.channels, map: map, source: source)
        let pcm16 = format.encoding == .pcm16
            ? try PCM16Decoder(sampleRate: format.sampleRate, channels: format.channels, source: source) : nil
        let g711 = format.encoding == .mulaw || format.encoding == .alaw
            ? try G711Decoder(format.encoding == .mulaw ? .mulaw : .alaw, sampleRate: format.sampleRate,
                              channels: format.channels, source: source)
            : nil
        let resampler = format.sampleRate == targetRate
            ? nil : try Resampler(from: format.sampleRate, to: targetRate, channels: tracks.count)
        let opus = format.encoding == .opus
            ? try OpusDecoder(sampleRate: format.sampleRate, channels: format.channels, source: source) : nil
        self.pcm16 = pcm16
        self.g711 = g711
        self.opus = opus
        self.resampler = resampler
        parties = tracks.map(\.role)
        sourceChannels = tracks.map(\.channel)
        packets = LengthPrefixedPackets(source: source)
        decoded = [[Float]](repeating: [], count: format.channels)
        routed = [[Float]](repeating: [], count: tracks.count)
        self.format = format
        self.targetRate = targetRate
    }

    /// Decodes the next piece of `bytes` from `offset` — at most 20 ms, or one Opus packet — replacing the contents
    /// of `tracks` with its samples (one array per party, possibly empty while the resampler fills its delay line)
    /// and advancing `offset`; false once `bytes` holds nothing more to decode. Opus bytes are length-prefixed
    /// packets, and a packet split across pushes is completed by the next one.
    ///
    ///     var offset = 0
    ///     while try reader.read(chunk, from: &offset, into: &tracks) { analyse(tracks) }
    public mutating func read(
        _ bytes: UnsafeRawBufferPointer, from offset: inout Int, into tracks: inout [[Float]]
    ) throws(AudioError) -> Bool {
        if opus != nil {
            if offset < bytes.count {
                packets.append(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
                offset = bytes.count
            }
            guard let packet = try packets.next() else { return false }
            var failure: AudioError?
            packet.withUnsafeBytes { packet in
                do throws(AudioError) { try opus!.decode(packet, appendingTo: &decoded) } catch { failure = error }
            }
            if let failure { throw failure }
        } else {
            guard offset < bytes.count else { return false }
            let end = min(bytes.count, offset + format.bytesPer20ms)
            let piece = UnsafeRawBufferPointer(rebasing: bytes[offset..<end])
            if pcm16 != nil {
                try pcm16!.decode(piece, appendingTo: &decoded)
            } else {
                try g711!.decode(piece, appendingTo: &decoded)
            }
            offset = end
        }
        try deliver(into: &tracks)
        return true
    }

    /// Decodes one whole Opus packet, as RTP and WebSocket carriers deliver them, into `tracks`.
    public mutating func read(packet: UnsafeRawBufferPointer, into tracks: inout [[Float]]) throws(AudioError) {
        precondition(opus != nil, "read(packet:into:) is for Opus streams")
        try opus!.decode(packet, appendingTo: &decoded)
        try deliver(into: &tracks)
    }

    /// Ends the stream: replaces `tracks` with the resampler's last samples (possibly none); throws when the
    /// stream stopped inside an Opus packet or a sample frame.
    public mutating func finish(into tracks: inout [[Float]]) throws(AudioError) {
        if opus != nil { try packets.finish() }
        if pcm16 != nil { try pcm16!.finish() }
        if g711 != nil { try g711!.finish() }
        prepare(&tracks)
        try resampler?.flush(appendingTo: &tracks)
    }

    /// Routes the decoded channels to the parties' tracks, through the resampler when the rates differ. Only whole
    /// sample frames go on: a chunk that ends between the channels of a frame leaves its first channels' samples
    /// in `decoded` until the rest arrive, so every track always has the same length.
    private mutating func deliver(into tracks: inout [[Float]]) throws(AudioError) {
        prepare(&tracks)
        var frames = Int.max
        for channel in decoded { frames = min(frames, channel.count) }
        if resampler == nil {
            for (track, channel) in sourceChannels.enumerated() { tracks[track].append(contentsOf: decoded[channel][..<frames]) }
        } else {
            for (track, channel) in sourceChannels.enumerated() {
                routed[track].removeAll(keepingCapacity: true)
                routed[track].append(contentsOf: decoded[channel][..<frames])
            }
            try resampler?.process(routed, appendingTo: &tracks)
        }
        for channel in decoded.indices { decoded[channel].removeFirst(frames) }
    }

    private func prepare(_ tracks: inout [[Float]]) {
        if tracks.count != parties.count { tracks = [[Float]](repeating: [], count: parties.count) }
        Self.clear(&tracks)
    }

    private static func clear(_ tracks: inout [[Float]]) {
        for index in tracks.indices { tracks[index].removeAll(keepingCapacity: true) }
    }
}

extension StreamReader: Sendable {}
