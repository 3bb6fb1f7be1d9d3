/// Reads a call file block by block as per-channel samples at the analysis rate.
///
/// Memory stays bounded by the block size whatever the length of the call.
public struct AnalysisAudioReader: ~Copyable {
    private var file: SoundFile
    private var interleaved: [Float]
    /// The file's own properties.
    public var info: AudioFileInfo { file.info }
    /// The rate of the samples `read()` returns.
    public let targetRate: Int

    /// Opens `path`; blocks hold up to `blockFrames` frames of the file.
    public init(path: String, targetRate: Int = 8000, blockFrames: Int = 1 << 15) throws(AudioError) {
        file = try SoundFile(path: path)
        interleaved = [Float](repeating: 0, count: blockFrames * max(file.info.channels, 1))
        self.targetRate = targetRate
    }

    /// The next block, one array per channel at `targetRate`; nil at the end of the file.
    public mutating func read() throws(AudioError) -> [[Float]]? {
        let channels = file.info.channels
        let frames = try interleaved.withUnsafeMutableBufferPointer { (buffer) throws(AudioError) -> Int in
            try file.readInterleaved(into: buffer)
        }
        if frames == 0 { return nil }
        var out = [[Float]](repeating: [], count: channels)
        for c in 0..<channels {
            out[c].reserveCapacity(frames)
            for f in 0..<frames { out[c].append(interleaved[f * channels + c]) }
        }
        // TODO(audio): resample to targetRate through libsamplerate when the file's rate differs.
        return out
    }
}
