/// Cuts a byte stream of packets, each preceded by its length as 2 big-endian bytes, into whole packets, however
/// the stream was chunked: the framing of Opus over a pipe or a TCP stream.
public struct LengthPrefixedPackets: Sendable {
    private var buffer: [UInt8] = []
    private var consumed = 0
    private let source: String

    public init(source: String) {
        self.source = source
    }

    /// Adds the next bytes of the stream.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if consumed > 0, consumed == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            consumed = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next whole packet, or nil until more bytes arrive; throws on a zero-length packet.
    public mutating func next() throws(AudioError) -> ArraySlice<UInt8>? {
        guard buffer.count - consumed >= 2 else { return nil }
        let length = Int(buffer[consumed]) << 8 | Int(buffer[consumed + 1])
        guard length > 0 else { throw AudioError(.decodingFailed, source: source, reason: "empty Opus packet") }
        guard buffer.count - consumed - 2 >= length else { return nil }
        let packet = buffer[(consumed + 2)..<(consumed + 2 + length)]
        consumed += 2 + length
        if consumed > 1 << 16 {
            buffer.removeFirst(consumed)
            consumed = 0
        }
        return packet
    }

    /// Throws when the stream ended part-way through a packet.
    public func finish() throws(AudioError) {
        guard consumed == buffer.count else {
            throw AudioError(.truncated, source: source, reason: "stream ended inside a packet")
        }
    }
}
