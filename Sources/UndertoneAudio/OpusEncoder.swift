internal import COpus

/// Encodes audio into Opus packets through libopus. Owns its encoder state and frees it on deinit; create one
/// per stream.
public struct OpusEncoder: ~Copyable {
    /// libopus's tuning target.
    public enum Application: Sendable {
        /// Speech, with the encoder's voice optimisations.
        case voip
        /// General audio.
        case audio
        /// Lowest algorithmic delay.
        case lowDelay

        var code: Int32 {
            switch self {
            case .voip: OPUS_APPLICATION_VOIP
            case .audio: OPUS_APPLICATION_AUDIO
            case .lowDelay: OPUS_APPLICATION_RESTRICTED_LOWDELAY
            }
        }
    }

    public let sampleRate: Int
    public let channels: Int
    private let handle: OpaquePointer
    private let packet: UnsafeMutableBufferPointer<UInt8>

    /// An encoder for one stream; `bitrate` in bits per second, or libopus's default for the rate and channels.
    public init(sampleRate: Int = 48000, channels: Int = 1, application: Application = .voip, bitrate: Int? = nil)
        throws(AudioError)
    {
        guard OpusDecoder.sampleRates.contains(sampleRate), channels == 1 || channels == 2 else {
            throw AudioError(.invalidParameter, source: "Opus encoder", reason: "Opus encodes 8, 12, 16, 24 or "
                + "48 kHz, mono or stereo; not \(sampleRate) Hz with \(channels) channels")
        }
        var error: Int32 = 0
        guard let handle = opus_encoder_create(Int32(sampleRate), Int32(channels), application.code, &error),
              error == OPUS_OK else {
            throw AudioError(.invalidParameter, source: "Opus encoder", reason: String(cString: opus_strerror(error)))
        }
        if let bitrate, copus_encoder_set_bitrate(handle, Int32(bitrate)) != OPUS_OK {
            opus_encoder_destroy(handle)
            throw AudioError(.invalidParameter, source: "Opus encoder", reason: "bitrate \(bitrate) is not accepted")
        }
        self.sampleRate = sampleRate
        self.channels = channels
        self.handle = handle
        packet = .allocate(capacity: 4000)  // libopus's recommended maximum packet size
    }

    /// Encodes exactly one frame of interleaved samples (2.5, 5, 10, 20, 40 or 60 ms at ``sampleRate``) and
    /// returns the packet.
    public mutating func encode(_ interleaved: [Float]) throws(AudioError) -> [UInt8] {
        let frames = interleaved.count / channels
        guard frames > 0 else {
            throw AudioError(.invalidParameter, source: "Opus encoder", reason: "cannot encode an empty frame")
        }
        let bytes = interleaved.withUnsafeBufferPointer {
            opus_encode_float(handle, $0.baseAddress!, Int32(frames), packet.baseAddress!, Int32(packet.count))
        }
        guard bytes > 0 else {
            throw AudioError(.invalidParameter, source: "Opus encoder", reason: "cannot encode \(frames) frames: "
                + String(cString: opus_strerror(bytes)))
        }
        return Array(packet[0..<Int(bytes)])
    }

    deinit {
        opus_encoder_destroy(handle)
        packet.deallocate()
    }
}

// The C state has exactly one owner (the type is ~Copyable) and is touched only from `mutating` methods, so moving
// the owner to another task is safe; libraries below are not thread-safe per handle, which exclusivity guarantees.
extension OpusEncoder: @unchecked Sendable {}
