import Foundation
import UndertoneAudio

/// Raw bytes from stdin or a file, read as they become available. Owns its file descriptor.
struct RawInput: ~Copyable {
    private let descriptor: Int32
    private let source: String
    private var buffer: [UInt8]

    init(path: String) throws(AudioError) {
        source = path == "-" ? "stdin" : path
        if path == "-" {
            descriptor = STDIN_FILENO
        } else {
            descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else {
                throw AudioError(errno == ENOENT ? .notFound : .unreadable, source: path, reason: String(cString: strerror(errno)))
            }
        }
        buffer = [UInt8](repeating: 0, count: 1 << 16)
    }

    /// Up to `count` bytes, as soon as any are available; empty at the end of the stream.
    mutating func read(upTo count: Int) throws(AudioError) -> ArraySlice<UInt8> {
        if buffer.count < count { buffer = [UInt8](repeating: 0, count: count) }
        let received = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, count) }
        guard received >= 0 else { throw AudioError(.unreadable, source: source, reason: String(cString: strerror(errno))) }
        return buffer[0..<received]
    }

    /// Exactly `count` bytes; nil at a clean end of stream, an error if the stream ends part-way.
    mutating func readExactly(_ count: Int) throws(AudioError) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            let part = try read(upTo: count - bytes.count)
            if part.isEmpty {
                if bytes.isEmpty { return nil }
                throw AudioError(.truncated, source: source, reason: "stream ended inside a packet")
            }
            bytes += part
        }
        return bytes
    }

    /// The next Opus packet of a stream framed by 2-byte big-endian lengths; nil at the end.
    mutating func nextLengthPrefixedPacket() throws(AudioError) -> [UInt8]? {
        guard let header = try readExactly(2) else { return nil }
        let length = Int(header[0]) << 8 | Int(header[1])
        guard length > 0 else { throw AudioError(.decodingFailed, source: source, reason: "empty Opus packet") }
        guard let packet = try readExactly(length) else {
            throw AudioError(.truncated, source: source, reason: "stream ended inside a packet")
        }
        return packet
    }

    deinit {
        if descriptor != STDIN_FILENO { close(descriptor) }
    }
}
