/// What a file holds, as `undertone info` prints it.
public struct AudioFileInfo: Sendable, Equatable {
    /// The path as given.
    public var path: String
    /// Container, e.g. `WAV`, `FLAC`, `OGG`, `MP3`.
    public var container: String
    /// Sample encoding, e.g. `u-law`, `PCM 16-bit`, `Opus`.
    public var codec: String
    /// Sample frames per second.
    public var sampleRate: Int
    /// Interleaved channels in the file.
    public var channels: Int
    /// Sample frames per channel, as the header (or the codec's index) declares it.
    public var frameCount: Int

    /// `frameCount / sampleRate`.
    public var durationSeconds: Double { sampleRate > 0 ? Double(frameCount) / Double(sampleRate) : 0 }

    public init(path: String, container: String, codec: String, sampleRate: Int, channels: Int, frameCount: Int) {
        self.path = path
        self.container = container
        self.codec = codec
        self.sampleRate = sampleRate
        self.channels = channels
        self.frameCount = frameCount
    }
}
