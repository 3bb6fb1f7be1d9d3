internal import CSndFile

/// An open audio file, read through libsndfile in blocks. Owns its `SNDFILE*` and closes it on deinit.
public struct SoundFile: ~Copyable {
    private let handle: OpaquePointer
    /// What the file holds.
    public let info: AudioFileInfo

    /// Opens `path` for reading.
    public init(path: String) throws(AudioError) {
        var sfInfo = SF_INFO()
        guard let handle = sf_open(path, Int32(SFM_READ), &sfInfo) else {
            let reason = String(cString: sf_strerror(nil))
            throw AudioError(.unrecognisedFormat, source: path, reason: reason)
        }
        self.handle = handle
        self.info = AudioFileInfo(
            path: path, container: "unknown", codec: "unknown", sampleRate: Int(sfInfo.samplerate),
            channels: Int(sfInfo.channels), frameCount: Int(sfInfo.frames)
        )
    }

    /// Reads up to `buffer.count / channels` interleaved frames; returns the number of frames read, 0 at the end.
    public mutating func readInterleaved(into buffer: UnsafeMutableBufferPointer<Float>) throws(AudioError) -> Int {
        let frames = buffer.count / max(info.channels, 1)
        let read = sf_readf_float(handle, buffer.baseAddress, sf_count_t(frames))
        if read < 0 { throw AudioError(.decodingFailed, source: info.path, reason: "read failed") }
        return Int(read)
    }

    deinit {
        sf_close(handle)
    }
}
