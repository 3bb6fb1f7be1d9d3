import Foundation
import UndertoneTestSupport
import Testing

/// Small edits of the committed fixtures, as a broken recorder or an attacker would produce them (issue 16), written
/// into a temporary folder, and the check every rejection must pass.
struct HostileInputs {
    let folder: URL

    init(_ label: String) throws {
        folder = try RepositoryFiles.temporaryDirectory("hostile-" + label)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    static func fixture(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: RepositoryFiles.root.appendingPathComponent("AudioFixtures/" + relative)))
    }

    /// Writes `bytes` as `name` and returns its path.
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func write(_ name: String, text: String) throws -> String {
        try write(name, Array(text.utf8))
    }

    /// `fixture` with `replacement` written over the bytes from `offset`.
    func patched(_ name: String, from fixture: String, at offset: Int, _ replacement: [UInt8]) throws -> String {
        var bytes = try Self.fixture(fixture)
        bytes.replaceSubrange(offset..<offset + replacement.count, with: replacement)
        return try write(name, bytes)
    }

    /// An Ogg file whose last page declares `granule`, with the page CRC recomputed so libogg accepts it.
    func oggWithLastGranule(_ name: String, from fixture: String, _ granule: UInt64) throws -> String {
        var bytes = try Self.fixture(fixture)
        let start = Self.lastIndex(of: Array("OggS".utf8), in: bytes)
        for index in 0..<8 { bytes[start + 6 + index] = UInt8(truncatingIfNeeded: granule >> (8 * UInt64(index))) }
        let segments = Int(bytes[start + 26])
        let length = 27 + segments + bytes[(start + 27)..<(start + 27 + segments)].reduce(0) { $0 + Int($1) }
        for index in 22..<26 { bytes[start + index] = 0 }
        let crc = Self.oggCRC(bytes[start..<(start + length)])
        for index in 0..<4 { bytes[start + 22 + index] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(index))) }
        return try write(name, bytes)
    }

    /// A FLAC file whose STREAMINFO declares `total` samples.
    func flacWithTotal(_ name: String, _ total: UInt64) throws -> String {
        var bytes = try Self.fixture("formats/clip.flac")
        // STREAMINFO data starts at byte 8; its total samples are the low 36 bits of bytes 21…25.
        var field = bytes[21..<26].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        field = field & ~((1 << 36) - 1) | total
        for index in 0..<5 { bytes[21 + index] = UInt8(truncatingIfNeeded: field >> (8 * UInt64(4 - index))) }
        return try write(name, bytes)
    }

    /// `seconds` of stereo 8 kHz 16-bit silence with a 1 kHz tone in the first half second, as WAV.
    func shortStereoWAV(_ name: String, seconds: Double = 2) throws -> String {
        let frames = Int(seconds * 8000)
        var bytes = Array("RIFF".utf8) + Self.le32(36 + frames * 4) + Array("WAVEfmt ".utf8) + Self.le32(16)
            + [1, 0, 2, 0] + Self.le32(8000) + Self.le32(32000) + [4, 0, 16, 0] + Array("data".utf8) + Self.le32(frames * 4)
        for frame in 0..<frames {
            let value = frame < 4000 ? Int16(8000 * sin(Double(frame) * 2 * .pi / 8)) : 0
            let sample = [UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8)]
            bytes += sample + sample
        }
        return try write(name, bytes)
    }

    static func le32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }

    private static func lastIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int {
        var index = bytes.count - needle.count
        while index >= 0, !bytes[index..<(index + needle.count)].elementsEqual(needle) { index -= 1 }
        return index
    }

    private static func oggCRC(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0
        for byte in bytes {
            crc ^= UInt32(byte) << 24
            for _ in 0..<8 { crc = crc & 0x8000_0000 != 0 ? (crc << 1) ^ 0x04C1_1DB7 : crc << 1 }
        }
        return crc
    }
}

extension ChildRun {
    /// The promise of issue 16 for bad input: exit `status`, one line on stderr naming `input` and containing
    /// `reason`, at most 5 s of CPU and 200 MB, no hang.
    func expectRejected(
        _ status: Int32 = 1, naming input: String, _ reason: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let message = stderr.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!timedOut, "hung", sourceLocation: sourceLocation)
        #expect(self.status == status, "exit \(self.status): \(message)", sourceLocation: sourceLocation)
        #expect(!message.contains("\n"), "more than one line: \(message)", sourceLocation: sourceLocation)
        let name = URL(fileURLWithPath: input).lastPathComponent
        #expect(message.contains(name), "does not name \(name): \(message)", sourceLocation: sourceLocation)
        #expect(reason.isEmpty || message.contains(reason), "reason missing: \(message)", sourceLocation: sourceLocation)
        #expect(cpuSeconds <= 5, "\(cpuSeconds) s of CPU", sourceLocation: sourceLocation)
        #expect(peakMegabytes <= 200, "\(peakMegabytes) MB", sourceLocation: sourceLocation)
    }
}
