/// Decodes ITU-T G.711 μ-law or A-law bytes (PCMU/PCMA), interleaved if multi-channel, by table look-up.
///
/// Output matches libsndfile's decoding of the same bytes in a WAV file: the G.711 linear value scaled by 1/32768.
public struct G711Decoder: StreamDecoder {
    /// The companding law.
    public enum Law: Sendable, Equatable {
        /// μ-law (North America, Japan; Twilio's PCMU).
        case mulaw
        /// A-law (Europe and most of the rest; PCMA).
        case alaw
    }

    public let law: Law
    public let sampleRate: Int
    public let channels: Int
    private let table: [Float]
    private let source: String
    /// The frame being assembled across chunks, so every channel receives whole frames only.
    private var partialFrame: PartialFrame

    /// A decoder for one stream.
    public init(_ law: Law, sampleRate: Int = 8000, channels: Int = 1, source: String = "G.711 stream")
        throws(AudioError)
    {
        try validateStream(sampleRate: sampleRate, channels: channels, source: source)
        self.law = law
        self.sampleRate = sampleRate
        self.channels = channels
        table = law == .mulaw ? Self.mulawTable : Self.alawTable
        self.source = source
        partialFrame = PartialFrame(channels: channels)
    }

    public func finish() throws(AudioError) {
        try partialFrame.checkEmpty(strayBytes: partialFrame.filled, frameBytes: channels, source: source)
    }

    public mutating func decode(_ chunk: UnsafeRawBufferPointer, appendingTo output: inout [[Float]])
        throws(AudioError)
    {
        prepare(&output)
        table.withUnsafeBufferPointer { table in
            if channels == 1 {
                output[0].reserveCapacity(output[0].count + chunk.count)
                for byte in chunk { output[0].append(table[Int(byte)]) }
                return
            }
            for byte in chunk { partialFrame.add(table[Int(byte)], to: &output) }
        }
    }

    /// The 16-bit linear value of a μ-law code (ITU-T G.711 table 2a, scaled to 16 bits): ±32124 at most.
    public static func linear(mulaw code: UInt8) -> Int16 {
        let inverted = ~code
        let exponent = (inverted & 0x70) >> 4
        let magnitude = ((Int16(inverted & 0x0F) << 3) + 0x84) << exponent
        return inverted & 0x80 != 0 ? 0x84 - magnitude : magnitude - 0x84
    }

    /// The 16-bit linear value of an A-law code (ITU-T G.711 table 1a, scaled to 16 bits): ±32256 at most.
    public static func linear(alaw code: UInt8) -> Int16 {
        let toggled = code ^ 0x55
        let exponent = (toggled & 0x70) >> 4
        var magnitude = Int16(toggled & 0x0F) << 4
        switch exponent {
        case 0: magnitude += 8
        case 1: magnitude += 0x108
        default: magnitude = (magnitude + 0x108) << (exponent - 1)
        }
        return toggled & 0x80 != 0 ? magnitude : -magnitude
    }

    private static let mulawTable = (0...255).map { Float(linear(mulaw: UInt8($0))) / 32768 }
    private static let alawTable = (0...255).map { Float(linear(alaw: UInt8($0))) / 32768 }
}

extension G711Decoder: Sendable {}
