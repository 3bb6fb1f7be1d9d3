import Foundation
import UndertoneAudio

/// The audio of a live call as it arrives, written straight to a WAV file under `--data/live/` in the stream's own
/// encoding (μ-law, A-law or 16-bit PCM: no transcoding, nothing lost); Opus packets, which WAV cannot hold, are
/// decoded to 16-bit PCM at the stream's rate.
///
/// The header's sizes are patched when the call ends; after a crash the file is still complete up to the last
/// write, and ``repair(url:)`` patches the sizes from the file's length.
final class SpoolWriter {
    let url: URL
    private let handle: FileHandle
    private(set) var dataBytes = 0
    private var opus: OpusDecoder?
    /// One packet's samples, decoded and as 16-bit PCM: kept to be reused.
    private var decoded: [[Float]] = []
    private var samples: [Int16] = []

    init(url: URL, format: StreamFormat) throws {
        if format.encoding == .opus {
            opus = try OpusDecoder(sampleRate: format.sampleRate, channels: format.channels, source: url.lastPathComponent)
        }
        guard FileManager.default.createFile(atPath: url.path, contents: Data(Self.header(format: format, dataBytes: 0))) else {
            throw CallStoreError("cannot create \(url.path)")
        }
        self.url = url
        handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        try handle.write(contentsOf: bytes)
        dataBytes += bytes.count
    }

    /// Decodes one Opus packet and writes its samples; throws ``AudioError`` for a packet libopus rejects.
    func write(packet: UnsafeRawBufferPointer) throws {
        for channel in decoded.indices { decoded[channel].removeAll(keepingCapacity: true) }
        try opus!.decode(packet, appendingTo: &decoded)
        samples.removeAll(keepingCapacity: true)
        for frame in 0..<(decoded.first?.count ?? 0) {
            for channel in decoded.indices { samples.append(Int16((max(-1, min(1, decoded[channel][frame])) * 32767).rounded())) }
        }
        try samples.withUnsafeBytes { try write($0) }  // little-endian, as WAV wants, on every platform Swift runs on
    }

    /// Patches the header's sizes, flushes and closes; the file's length.
    func finish() throws -> Int {
        try handle.close()
        return try Self.repair(url: url)
    }

    /// Patches the RIFF and data sizes of a spool file from its length; returns the length.
    @discardableResult
    static func repair(url: URL) throws -> Int {
        let handle = try FileHandle(forUpdating: url)
        defer { try? handle.close() }
        let length = Int(try handle.seekToEnd())
        guard length >= headerBytes else { throw CallStoreError("\(url.lastPathComponent): shorter than a WAV header") }
        try handle.seek(toOffset: 4)
        try handle.write(contentsOf: le32(length - 8))
        try handle.seek(toOffset: UInt64(headerBytes - 4))
        try handle.write(contentsOf: le32(length - headerBytes))
        try handle.synchronize()
        return length
    }

    static let headerBytes = 46

    /// A WAVE header with an 18-byte fmt chunk (cbSize 0), which non-PCM tags need and PCM readers accept.
    static func header(format: StreamFormat, dataBytes: Int) -> [UInt8] {
        let (tag, bits): (Int, Int) = switch format.encoding {
        case .mulaw: (7, 8)
        case .alaw: (6, 8)
        default: (1, 16)
        }
        let block = format.channels * bits / 8
        return Array("RIFF".utf8) + le32(38 + dataBytes) + Array("WAVEfmt ".utf8) + le32(18) + le16(tag)
            + le16(format.channels) + le32(format.sampleRate) + le32(format.sampleRate * block) + le16(block) + le16(bits)
            + le16(0) + Array("data".utf8) + le32(dataBytes)
    }

    private static func le32(_ value: Int) -> [UInt8] { withUnsafeBytes(of: UInt32(truncatingIfNeeded: value).littleEndian, Array.init) }
    private static func le16(_ value: Int) -> [UInt8] { withUnsafeBytes(of: UInt16(truncatingIfNeeded: value).littleEndian, Array.init) }
}
