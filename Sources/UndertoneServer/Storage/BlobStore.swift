import Crypto
public import Foundation

/// Audio and transcript files under `--data/blobs`, addressed by their SHA-256 (`blobs/ab/abcdef…`).
///
/// A file is written to `--data/incoming` first, hashed as it streams, flushed to disk, and only then renamed to
/// its address, so a file at an address is always complete. Identical uploads share one file. Workers re-hash the
/// bytes they analyse, so a damaged disk shows up as a failed call, not a wrong report.
public struct BlobStore: Sendable {
    public let root: URL
    private let incoming: URL

    /// Uses (creating if needed) `blobs/` and `incoming/` under `data`.
    public init(data: URL) throws {
        root = data.appendingPathComponent("blobs", isDirectory: true)
        incoming = data.appendingPathComponent("incoming", isDirectory: true)
        for directory in [root, incoming] {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
    }

    /// Where the file with this hash lives.
    public func url(sha256: String) -> URL {
        root.appendingPathComponent(String(sha256.prefix(2)), isDirectory: true).appendingPathComponent(sha256)
    }

    /// A writer for a new file in `incoming/`.
    func makeWriter() throws -> BlobWriter {
        try BlobWriter(url: incoming.appendingPathComponent(UUID().uuidString))
    }

    /// Moves a finished incoming file to its address (or drops it when that content is already stored).
    ///
    /// The file is flushed to disk here, just before the rename that makes it visible, so content already stored
    /// (a retried upload) costs no flush.
    func commit(_ file: BlobWriter.Finished) throws {
        let destination = url(sha256: file.sha256)
        let manager = FileManager.default
        if manager.fileExists(atPath: destination.path) {
            try? manager.removeItem(at: file.url)
            return
        }
        try Self.sync(file.url)
        try manager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        if rename(file.url.path, destination.path) != 0 {
            throw CallStoreError("cannot move \(file.url.path) to \(destination.path): errno \(errno)")
        }
        Self.syncDirectory(destination.deletingLastPathComponent())
    }

    /// Deletes the file with this hash, if present.
    public func remove(sha256: String) {
        try? FileManager.default.removeItem(at: url(sha256: sha256))
    }

    /// The bytes of the file with this hash, or nil when they no longer hash to it (a damaged disk).
    func contents(sha256: String) throws -> Data? {
        let data = try Data(contentsOf: url(sha256: sha256), options: .mappedIfSafe)
        return Array(SHA256.hash(data: data)).hex == sha256 ? data : nil
    }

    /// The SHA-256 of the file at `url`, read in blocks.
    public static func sha256(of url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty { hasher.update(data: block) }
        return Array(hasher.finalize()).hex
    }

    /// Flushes a file's bytes to disk.
    private static func sync(_ url: URL) throws {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        try handle.synchronize()
    }

    /// A rename is durable only once its directory is flushed.
    private static func syncDirectory(_ url: URL) {
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}

/// One file being received: bytes are hashed and written as they arrive, never held whole in memory.
///
/// The multipart parser hands a part over in pieces that end at every CR byte (about every 256 bytes of audio), so
/// the writer gathers them into blocks of ``blockSize`` before hashing and writing: one system call per block, not
/// one per piece.
final class BlobWriter {
    struct Finished: Sendable {
        var url: URL
        var sha256: String
        var bytes: Int
    }

    static let blockSize = 64 << 10

    let url: URL
    private let handle: FileHandle
    private var hasher = SHA256()
    private var block: [UInt8] = []
    private(set) var bytes = 0

    init(url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CallStoreError("cannot create \(url.path)")
        }
        self.url = url
        handle = try FileHandle(forWritingTo: url)
        block.reserveCapacity(Self.blockSize)
    }

    func write<Bytes: Sequence<UInt8>>(_ chunk: Bytes) throws {
        let before = block.count
        block.append(contentsOf: chunk)
        bytes += block.count - before
        if block.count >= Self.blockSize { try flushBlock() }
    }

    private func flushBlock() throws {
        guard !block.isEmpty else { return }
        try block.withUnsafeBytes { raw in
            hasher.update(bufferPointer: raw)
            try handle.write(contentsOf: raw)
        }
        block.removeAll(keepingCapacity: true)
    }

    /// Writes the last block and closes the file (``BlobStore/commit(_:)`` flushes it to disk).
    func finish() throws -> Finished {
        try flushBlock()
        try handle.close()
        return Finished(url: url, sha256: Array(hasher.finalize()).hex, bytes: bytes)
    }

    /// Closes and deletes the partial file.
    func discard() {
        try? handle.close()
        try? FileManager.default.removeItem(at: url)
    }
}
