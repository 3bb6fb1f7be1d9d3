#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Checks made with the operating system before libsndfile sees a path, so that a missing file, a directory,
/// a FIFO (which would block `open`) or a permission problem gets its own error instead of libsndfile's guess.
enum FileCheck {
    /// Returns the file's size in bytes, or throws why it cannot be read as an audio file.
    static func readableRegularFile(_ path: String) throws(AudioError) -> Int {
        var status = stat()
        guard stat(path, &status) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw AudioError(.notFound, source: path, reason: "no such file") }
            throw AudioError(.unreadable, source: path, reason: systemMessage(code))
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw AudioError(.isDirectory, source: path, reason: "is a directory, not an audio file")
        case S_IFIFO: throw AudioError(.unreadable, source: path, reason: "is a FIFO, not a regular file")
        case S_IFCHR, S_IFBLK: throw AudioError(.unreadable, source: path, reason: "is a device, not a regular file")
        case S_IFSOCK: throw AudioError(.unreadable, source: path, reason: "is a socket, not a regular file")
        default: throw AudioError(.unreadable, source: path, reason: "is not a regular file")
        }
        // open() rather than access(): it asks the same question the later read will, with the effective user id.
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw AudioError(.unreadable, source: path, reason: "cannot be opened for reading: " + systemMessage(errno))
        }
        close(descriptor)
        guard status.st_size > 0 else { throw AudioError(.empty, source: path, reason: "file is empty (0 bytes)") }
        return Int(status.st_size)
    }

    /// Up to `count` bytes from `offset`; fewer at the end of the file.
    static func readBytes(_ path: String, offset: Int, count: Int) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return [] }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
        bytes.removeLast(count - max(got, 0))
        return bytes
    }

    static func systemMessage(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
