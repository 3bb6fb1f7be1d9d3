internal import CSndFile

/// Audio bytes held in memory, read by libsndfile through its virtual I/O callbacks: how a call that arrived over
/// the network is decoded without a file. Immutable bytes and a read position; owned by one ``SoundFile``.
final class MemoryAudio {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Up to `count` bytes from `offset`; fewer at the end.
    func bytes(at offset: Int, count: Int) -> [UInt8] {
        guard offset >= 0, offset < bytes.count, count > 0 else { return [] }
        return Array(bytes[offset..<min(bytes.count, offset + count)])
    }

    /// The callbacks libsndfile calls with this object as `user_data`.
    static var callbacks: SF_VIRTUAL_IO {
        SF_VIRTUAL_IO(
            get_filelen: { user in sf_count_t(MemoryAudio.from(user).bytes.count) },
            seek: { offset, whence, user in
                let memory = MemoryAudio.from(user)
                let base = switch whence {
                case 1: memory.position  // SEEK_CUR
                case 2: memory.bytes.count  // SEEK_END
                default: 0
                }
                memory.position = min(max(0, base + Int(offset)), memory.bytes.count)
                return sf_count_t(memory.position)
            },
            read: { destination, count, user in
                let memory = MemoryAudio.from(user)
                let available = min(Int(count), memory.bytes.count - memory.position)
                guard available > 0, let destination else { return 0 }
                memory.bytes.withUnsafeBytes { source in
                    destination.copyMemory(from: source.baseAddress! + memory.position, byteCount: available)
                }
                memory.position += available
                return sf_count_t(available)
            },
            write: { _, _, _ in 0 },
            tell: { user in sf_count_t(MemoryAudio.from(user).position) }
        )
    }

    private static func from(_ user: UnsafeMutableRawPointer?) -> MemoryAudio {
        Unmanaged<MemoryAudio>.fromOpaque(user!).takeUnretainedValue()
    }
}
