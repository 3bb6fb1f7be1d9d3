/// The few fields of a RIFF/WAVE header needed to explain what libsndfile will not: a header cut short,
/// a codec tag it does not decode, zero channels, and a data chunk that promises more bytes than the file holds.
struct WAVHeader {
    var formatTag: UInt16?
    var channels: Int?
    var sampleRate: Int?
    /// Declared size of the data chunk, and where its payload starts.
    var declaredDataBytes: Int?
    var dataOffset: Int?
    /// The header ended (the file ran out) before the data chunk started.
    var isCutShort = false

    /// Parses `path` if it starts like a RIFF/WAVE file; nil for anything else.
    init?(path: String, fileSize: Int) {
        self.init { FileCheck.readBytes(path, offset: $0, count: $1) }
    }

    /// Parses the bytes `read(offset, count)` returns (fewer at the end) if they start like a RIFF/WAVE file.
    init?(read: (_ offset: Int, _ count: Int) -> [UInt8]) {
        let head = read(0, 12)
        guard head.count >= 4, head[0..<4].elementsEqual("RIFF".utf8) else { return nil }
        guard head.count == 12 else {
            isCutShort = true
            return
        }
        guard head[8..<12].elementsEqual("WAVE".utf8) else { return nil }
        var offset = 12
        while declaredDataBytes == nil {
            let chunk = read(offset, 8)
            guard chunk.count == 8 else {
                isCutShort = true
                return
            }
            let size = Int(Self.uint32(chunk, 4))
            if chunk[0..<4].elementsEqual("fmt ".utf8) {
                let fmt = read(offset + 8, min(size, 40))
                guard fmt.count >= 16 else {
                    isCutShort = true
                    return
                }
                formatTag = Self.uint16(fmt, 0)
                channels = Int(Self.uint16(fmt, 2))
                sampleRate = Int(Self.uint32(fmt, 4))
                if formatTag == 0xFFFE, fmt.count >= 26 { formatTag = Self.uint16(fmt, 24) }
            } else if chunk[0..<4].elementsEqual("data".utf8) {
                declaredDataBytes = size
                dataOffset = offset + 8
            }
            offset += 8 + size + (size & 1)
        }
    }

    /// Bytes of the data chunk actually present in a file of `fileSize` bytes.
    func presentDataBytes(fileSize: Int) -> Int? {
        dataOffset.map { max(0, fileSize - $0) }
    }

    /// Whether the data chunk declares more bytes than the file holds. Streaming writers that did not know the
    /// length leave 0 or 0xFFFFFFFF there; those are not truncation.
    func dataIsCutShort(fileSize: Int) -> Bool {
        guard let declared = declaredDataBytes, let present = presentDataBytes(fileSize: fileSize),
              declared != 0, declared != 0xFFFF_FFFF else { return false }
        return declared > present
    }

    /// Format tags libsndfile 1.2 decodes in WAV: PCM, MS ADPCM, float, A-law, μ-law, IMA ADPCM, GSM 6.10,
    /// G.721 ADPCM, MPEG layer III. A file with another tag that libsndfile refuses is reported as an
    /// unsupported codec rather than a malformed file.
    static let decodableTags: Set<UInt16> = [0x0001, 0x0002, 0x0003, 0x0006, 0x0007, 0x0011, 0x0031, 0x0040, 0x0055]

    private static func uint16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    private static func uint32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
}
