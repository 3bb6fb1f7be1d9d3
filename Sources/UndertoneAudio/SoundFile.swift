import Synchronization
internal import CSndFile

/// An open audio file, decoded through libsndfile in blocks. Owns its `SNDFILE*` and closes it on deinit.
///
/// Opening checks everything that can be checked up front (existence, type, permissions, header sanity, a WAV
/// data chunk cut short) and reading checks that the decoder delivers every frame the header promised, so a
/// damaged file gives a typed ``AudioError`` instead of a silently shorter result.
public struct SoundFile: ~Copyable {
    /// Sample rates outside this range are treated as a damaged header rather than a recording.
    public static let plausibleSampleRates = 1000...384_000

    private let handle: OpaquePointer
    /// The bytes of a file opened from memory, which libsndfile reads through `handle`.
    private let memory: MemoryAudio?
    private let lengthIsEstimated: Bool
    /// Frames decoded so far: once reading has returned 0, the file's true length.
    public private(set) var framesRead = 0
    /// What the file holds.
    public let info: AudioFileInfo

    /// Opens `path` for reading.
    public init(path: String) throws(AudioError) {
        let fileSize = try FileCheck.readableRegularFile(path)
        let wavHeader = WAVHeader(path: path, fileSize: fileSize)
        if let wavHeader { try Self.checkLength(of: wavHeader, path: path, fileSize: fileSize) }
        var sfInfo = SF_INFO()
        let handle = try Self.open(path: path, wavHeader: wavHeader) { sf_open(path, Int32(SFM_READ), &sfInfo) }
        try self.init(handle: handle, sfInfo: sfInfo, source: path, memory: nil, fileSize: fileSize, wavHeader: wavHeader)
    }

    /// Opens audio bytes held in memory (a call received over the network), with the same checks as a file;
    /// `name` stands for the path in errors and in ``info``.
    public init(bytes: [UInt8], name: String) throws(AudioError) {
        guard !bytes.isEmpty else { throw AudioError(.empty, source: name, reason: "no audio bytes (0 bytes)") }
        let memory = MemoryAudio(bytes)
        let wavHeader = WAVHeader { memory.bytes(at: $0, count: $1) }
        if let wavHeader { try Self.checkLength(of: wavHeader, path: name, fileSize: bytes.count) }
        var sfInfo = SF_INFO()
        var callbacks = MemoryAudio.callbacks
        let handle = try Self.open(path: name, wavHeader: wavHeader) {
            sf_open_virtual(&callbacks, Int32(SFM_READ), &sfInfo, Unmanaged.passUnretained(memory).toOpaque())
        }
        try self.init(
            handle: handle, sfInfo: sfInfo, source: name, memory: memory, fileSize: bytes.count, wavHeader: wavHeader
        )
    }

    private init(
        handle: OpaquePointer, sfInfo: SF_INFO, source path: String, memory: MemoryAudio?, fileSize: Int,
        wavHeader: WAVHeader?
    ) throws(AudioError) {
        guard sfInfo.channels > 0 else {
            sf_close(handle)
            throw AudioError(.noChannels, source: path, reason: "header declares 0 channels")
        }
        guard Self.plausibleSampleRates.contains(Int(sfInfo.samplerate)) else {
            sf_close(handle)
            throw Self.absurdRate(Int(sfInfo.samplerate), path: path)
        }
        guard sfInfo.frames < Int64.max else {
            // libsndfile's Ogg readers find the length from the last page; without one the stream was cut short.
            // FLAC says so when STREAMINFO's total is 0 (unknown).
            sf_close(handle)
            let isFLAC = SoundFileFormat.containerName(sfInfo.format) == "FLAC"
            throw AudioError(.truncated, source: path, reason: isFLAC
                ? "STREAMINFO gives no total length (0 samples), so the file cannot be checked for completeness"
                : "stream has no final page, so its length is unknown (file cut short?)")
        }
        let info = AudioFileInfo(
            path: path, container: SoundFileFormat.containerName(sfInfo.format),
            codec: SoundFileFormat.codecName(sfInfo.format), sampleRate: Int(sfInfo.samplerate),
            channels: Int(sfInfo.channels), frameCount: Int(sfInfo.frames)
        )
        do {
            try DeclaredLength.check(path: path, fileSize: fileSize, info: info, wav: wavHeader)
        } catch {
            sf_close(handle)
            throw error
        }
        self.handle = handle
        self.memory = memory
        self.lengthIsEstimated = SoundFileFormat.lengthIsEstimated(sfInfo.format)
        self.info = info
    }

    /// Reads up to `buffer.count / channels` interleaved frames as floats in [-1, 1]; returns the number of frames
    /// read, 0 at the end of the file.
    ///
    /// Throws ``AudioError/Kind/truncated`` when the file ends before the frame count its header declared, and
    /// ``AudioError/Kind/decodingFailed`` when the codec reports an error.
    public mutating func readInterleaved(into buffer: UnsafeMutableBufferPointer<Float>) throws(AudioError) -> Int {
        let frames = buffer.count / info.channels
        precondition(frames > 0, "buffer holds less than one frame")
        let read = Int(sf_readf_float(handle, buffer.baseAddress, sf_count_t(frames)))
        let code = sf_error(handle)
        if read < 0 || (code != 0 && read < frames) {
            throw AudioError(.decodingFailed, source: info.path, reason: "decoding failed after \(framesRead) of "
                + "\(info.frameCount) frames (file cut short or corrupt?): " + String(cString: sf_strerror(handle)))
        }
        framesRead += read
        if read == 0, framesRead < info.frameCount, !withinEstimate(framesRead) {
            throw AudioError(.truncated, source: info.path, reason: "audio ends after \(framesRead) of the "
                + "\(info.frameCount) frames the header declares (file cut short?)")
        }
        return read
    }

    /// MP3 lengths come from a Xing/LAME header or an estimate; allow 1% (and one 1152-sample MPEG frame) of slack.
    private func withinEstimate(_ frames: Int) -> Bool {
        lengthIsEstimated && info.frameCount - frames <= max(1152, info.frameCount / 100)
    }

    private static func checkLength(of wav: WAVHeader, path: String, fileSize: Int) throws(AudioError) {
        if wav.isCutShort {
            throw AudioError(.truncated, source: path, reason: "WAV header is truncated: the file ends before the "
                + "audio data starts")
        }
        if wav.dataIsCutShort(fileSize: fileSize) {
            throw AudioError(.truncated, source: path, reason: "data chunk declares \(wav.declaredDataBytes ?? 0) "
                + "bytes but only \(wav.presentDataBytes(fileSize: fileSize) ?? 0) are present (file cut short?)")
        }
    }

    private static func absurdRate(_ rate: Int, path: String) -> AudioError {
        AudioError(.absurdSampleRate, source: path, reason: "header declares an absurd sample rate of \(rate) Hz "
            + "(expected \(plausibleSampleRates.lowerBound)–\(plausibleSampleRates.upperBound) Hz)")
    }

    /// libsndfile reports a failed open through one process-wide error slot, which another thread's open resets
    /// (a server opens many calls at once): opening and reading that slot happen under one lock.
    private static let openLock = Mutex(())

    private static func open(
        path: String, wavHeader: WAVHeader?, _ body: () -> OpaquePointer?
    ) throws(AudioError) -> OpaquePointer {
        var failure: AudioError?
        var handle: OpaquePointer?
        openLock.withLock { _ in
            handle = body()
            if handle == nil { failure = openError(path: path, wavHeader: wavHeader) }
        }
        if let failure { throw failure }
        return handle!
    }

    private static func openError(path: String, wavHeader: WAVHeader?) -> AudioError {
        let libraryCode = sf_error(nil)
        let libraryMessage = LibraryMessage.translated(String(cString: sf_strerror(nil)))
        if let wav = wavHeader {
            if wav.channels == 0 { return AudioError(.noChannels, source: path, reason: "header declares 0 channels") }
            if let rate = wav.sampleRate, !plausibleSampleRates.contains(rate) { return absurdRate(rate, path: path) }
            if let tag = wav.formatTag, !WAVHeader.decodableTags.contains(tag) {
                return AudioError(.unsupportedCodec, source: path, reason: "WAV format tag 0x"
                    + String(tag, radix: 16, uppercase: true) + " is not a codec Undertone can decode")
            }
        }
        switch libraryCode {
        case Int32(SF_ERR_UNRECOGNISED_FORMAT):
            return AudioError(.unrecognisedFormat, source: path, reason: "not a recognised audio file format")
        case Int32(SF_ERR_UNSUPPORTED_ENCODING):
            return AudioError(.unsupportedCodec, source: path, reason: "unsupported codec (\(libraryMessage))")
        default:
            return AudioError(.unrecognisedFormat, source: path, reason: "cannot be decoded (libsndfile: "
                + "\(libraryMessage))")
        }
    }

    deinit {
        sf_close(handle)
    }
}

// The C state has exactly one owner (the type is ~Copyable) and is touched only from `mutating` methods, so moving
// the owner to another task is safe; libraries below are not thread-safe per handle, which exclusivity guarantees.
extension SoundFile: @unchecked Sendable {}
