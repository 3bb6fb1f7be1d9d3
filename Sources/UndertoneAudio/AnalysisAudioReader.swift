/// Reads a call file block by block as one track per party at the analysis rate.
///
/// Tracks come in the order of ``roles``: `[agent, customer]` for a two-party recording, `[mixed]` for mono.
/// Files at another rate are converted by a streaming ``Resampler``; files already at `targetRate` are passed
/// through untouched. Memory stays bounded by the block size whatever the length of the call, and reading with
/// ``read(into:)`` reuses the caller's arrays so steady-state decoding does not allocate.
///
///     var reader = try AnalysisAudioReader(path: "call.wav")
///     var tracks: [[Float]] = []
///     while try reader.read(into: &tracks) {
///         analyse(agent: tracks[0], customer: tracks[1])
///     }
public struct AnalysisAudioReader: ~Copyable {
    private var file: SoundFile
    private var interleaved: [Float]
    private let sourceChannels: [Int]
    private var resampler: Resampler?
    /// Tracks at the file's rate, waiting for the resampler (unused on the fast path).
    private var fileRateTracks: [[Float]]
    private var finished = false
    private let maxFrames: Int

    /// The longest call read by default, seconds: 8 hours.
    public static let defaultMaxSeconds = 8.0 * 3600

    /// The file's own properties.
    public var info: AudioFileInfo { file.info }
    /// The rate of the samples `read` returns.
    public let targetRate: Int
    /// The role of each returned track, in order.
    public let roles: [Speaker]
    /// Frames of the file decoded so far (at the file's rate): after the last block, the length of the audio,
    /// whatever the header declared.
    public var framesDecoded: Int { file.framesRead }

    /// Opens `path`.
    ///
    /// - Parameters:
    ///   - targetRate: The rate of the returned samples; the analysis runs at 8000 Hz.
    ///   - channels: Which channel is which party. `nil` means: mono is one mixed track, stereo is
    ///     ``ChannelMap/agentFirst``, more channels is an error asking for an explicit map.
    ///   - blockFrames: Frames of the file decoded per block (fewer for files with more than two channels).
    ///   - quality: The converter used when the file's rate differs from `targetRate`.
    ///   - maxSeconds: Reading more audio than this throws ``AudioError/Kind/tooLong``: memory and time stay
    ///     bounded whatever the header claims.
    public init(
        path: String, targetRate: Int = 8000, channels: ChannelMap? = nil, blockFrames: Int = 1 << 14,
        quality: Resampler.Quality = .analysis, maxSeconds: Double = defaultMaxSeconds
    ) throws(AudioError) {
        guard blockFrames > 0 else {
            throw AudioError(.invalidParameter, source: path, reason: "block size must be positive")
        }
        try self.init(opened: SoundFile(path: path), targetRate: targetRate, channels: channels,
                      blockFrames: blockFrames, quality: quality, maxSeconds: maxSeconds)
    }

    /// Reads audio bytes held in memory (a call received over the network); `name` stands for the path in errors.
    /// The other parameters are those of ``init(path:targetRate:channels:blockFrames:quality:maxSeconds:)``.
    public init(
        bytes: [UInt8], name: String, targetRate: Int = 8000, channels: ChannelMap? = nil, blockFrames: Int = 1 << 14,
        quality: Resampler.Quality = .analysis, maxSeconds: Double = defaultMaxSeconds
    ) throws(AudioError) {
        guard blockFrames > 0 else {
            throw AudioError(.invalidParameter, source: name, reason: "block size must be positive")
        }
        try self.init(opened: SoundFile(bytes: bytes, name: name), targetRate: targetRate, channels: channels,
                      blockFrames: blockFrames, quality: quality, maxSeconds: maxSeconds)
    }

    private init(
        opened: consuming SoundFile, targetRate: Int, channels: ChannelMap?, blockFrames: Int, quality: Resampler.Quality,
        maxSeconds: Double
    ) throws(AudioError) {
        let path = opened.info.path
        let tracks = try ChannelMap.tracks(for: opened.info.channels, map: channels, source: path)
        resampler = opened.info.sampleRate == targetRate ? nil
            : try Resampler(from: opened.info.sampleRate, to: targetRate, channels: tracks.count, quality: quality)
        fileRateTracks = [[Float]](repeating: [], count: tracks.count)
        sourceChannels = tracks.map(\.channel)
        roles = tracks.map(\.role)
        // Files with many channels (only two of which are used) read fewer frames per block, so the buffer never
        // exceeds that of a stereo file.
        let framesPerRead = opened.info.channels <= 2 ? blockFrames : max(64, blockFrames * 2 / opened.info.channels)
        interleaved = [Float](repeating: 0, count: framesPerRead * opened.info.channels)
        self.targetRate = targetRate
        maxFrames = Int(Double.minimum(Double.maximum(maxSeconds, 0), 1e7) * Double(opened.info.sampleRate))
        file = opened
    }

    /// Replaces the contents of `tracks` with the next block (one array per role, equal lengths, capacity kept);
    /// returns false, leaving `tracks` empty, once the file is exhausted.
    ///
    /// Throws if the file turns out to be damaged part-way through (see ``SoundFile/readInterleaved(into:)``).
    public mutating func read(into tracks: inout [[Float]]) throws(AudioError) -> Bool {
        if tracks.count != roles.count { tracks = [[Float]](repeating: [], count: roles.count) }
        for track in tracks.indices { tracks[track].removeAll(keepingCapacity: true) }
        while !finished {
            let frames = try interleaved.withUnsafeMutableBufferPointer { (buffer) throws(AudioError) -> Int in
                try file.readInterleaved(into: buffer)
            }
            if file.framesRead > maxFrames {
                throw AudioError(.tooLong, source: info.path, reason: "more than \(maxFrames / info.sampleRate) s of "
                    + "audio, the longest call analyzed")
            }
            if frames == 0 {
                finished = true
                try resampler?.flush(appendingTo: &tracks)
                break
            }
            if resampler == nil {
                Self.deinterleave(interleaved, frames: frames, stride: info.channels, channels: sourceChannels,
                                  into: &tracks)
            } else {
                for track in fileRateTracks.indices { fileRateTracks[track].removeAll(keepingCapacity: true) }
                Self.deinterleave(interleaved, frames: frames, stride: info.channels, channels: sourceChannels,
                                  into: &fileRateTracks)
                try resampler?.process(fileRateTracks, appendingTo: &tracks)
            }
            if !tracks[0].isEmpty { return true }
        }
        return !tracks[0].isEmpty
    }

    /// The next block, one array per role; nil at the end of the file. Allocates per call: prefer
    /// ``read(into:)`` in long-running loops.
    public mutating func read() throws(AudioError) -> [[Float]]? {
        var tracks: [[Float]] = []
        return try read(into: &tracks) ? tracks : nil
    }

    private static func deinterleave(
        _ interleaved: [Float], frames: Int, stride: Int, channels: [Int], into tracks: inout [[Float]]
    ) {
        interleaved.withUnsafeBufferPointer { samples in
            for (track, channel) in channels.enumerated() {
                tracks[track].reserveCapacity(tracks[track].count + frames)
                for frame in 0..<frames { tracks[track].append(samples[frame * stride + channel]) }
            }
        }
    }
}

extension AnalysisAudioReader: Sendable {}
