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

    deinit {
        if descriptor != STDIN_FILENO { close(descriptor) }
    }
}
