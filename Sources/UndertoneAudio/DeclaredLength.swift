/// Checks a header's declared length against the bytes of the file, for the containers where libsndfile trusts the
/// header and silently stops early: it never reads past the frame count it reports, so audio beyond a wrong
/// count would be dropped without a word. A file whose header promises less audio than it holds is rejected.
enum DeclaredLength {
    static func check(path: String, fileSize: Int, info: AudioFileInfo, wav: WAVHeader?) throws(AudioError) {
        if let wav { try checkWAV(wav, path: path, fileSize: fileSize) }
        switch info.container {
        case "OGG": try checkOgg(path: path, fileSize: fileSize)
        case "FLAC": try checkFLAC(path: path, fileSize: fileSize, info: info)
        default: break
        }
    }

    /// The data chunk must reach the end of the file or be followed by another chunk (LIST, id3, …) or zero
    /// padding; anything else is audio a recorder wrote without updating the size.
    private static func checkWAV(_ wav: WAVHeader, path: String, fileSize: Int) throws(AudioError) {
        guard let declared = wav.declaredDataBytes, let offset = wav.dataOffset, declared != 0xFFFF_FFFF else { return }
        let end = offset + declared + (declared & 1)
        let trailing = fileSize - end
        guard trailing > 0 else { return }
        let head = FileCheck.readBytes(path, offset: end, count: min(trailing, 1 << 16))
        if head.count >= 8, head[0..<4].allSatisfy({ (0x20...0x7E).contains($0) }),
           Int(UInt32(head[4]) | UInt32(head[5]) << 8 | UInt32(head[6]) << 16 | UInt32(head[7]) << 24) <= trailing - 8
        {
            return
        }
        if trailing <= 1 << 16, head.allSatisfy({ $0 == 0 }) { return }
        throw AudioError(.lengthMismatch, source: path, reason: "data chunk declares \(declared) bytes but "
            + "\(fileSize - offset) bytes of audio follow it (header not updated when recording ended?)")
    }

    /// The last page of the stream must carry a granule position (the stream's length) no smaller than any page
    /// before it; 0, −1 or a smaller value would make libsndfile stop before the audio does.
    private static func checkOgg(path: String, fileSize: Int) throws(AudioError) {
        var offset = 0
        var last: (serial: UInt32, granule: Int64)?
        var largest: [UInt32: Int64] = [:]
        var pages = 0
        while offset + 27 <= fileSize {
            let header = FileCheck.readBytes(path, offset: offset, count: 27)
            guard header.count == 27, header[0..<4].elementsEqual("OggS".utf8) else { return }  // libsndfile decides
            let segments = FileCheck.readBytes(path, offset: offset + 27, count: Int(header[26]))
            guard segments.count == Int(header[26]) else { return }
            let granule = Int64(bitPattern: (0..<8).reduce(UInt64(0)) { $0 | UInt64(header[6 + $1]) << (8 * UInt64($1)) })
            let serial = (0..<4).reduce(UInt32(0)) { $0 | UInt32(header[14 + $1]) << (8 * UInt32($1)) }
            if let previous = last { largest[previous.serial] = max(largest[previous.serial] ?? 0, previous.granule) }
            last = (serial, granule)
            pages += 1
            offset += 27 + segments.count + segments.reduce(0) { $0 + Int($1) }
        }
        guard let last, pages > 2 else { return }
        let before = largest[last.serial] ?? 0
        if last.granule <= 0 || last.granule < before {
            throw AudioError(.lengthMismatch, source: path, reason: "the last Ogg page declares granule position "
                + "\(last.granule), before the \(before) of the pages that precede it (damaged or hand-edited length)")
        }
    }

    /// The last frame of a FLAC stream says which sample it starts at; a STREAMINFO total at or before that sample
    /// is wrong (libsndfile would stop there and drop the rest).
    private static func checkFLAC(path: String, fileSize: Int, info: AudioFileInfo) throws(AudioError) {
        let streamInfo = FileCheck.readBytes(path, offset: 0, count: 8 + 2)
        guard streamInfo.count == 10, streamInfo[0..<4].elementsEqual("fLaC".utf8) else { return }
        let blockSize = Int(streamInfo[8]) << 8 | Int(streamInfo[9])
        let tailStart = max(0, fileSize - (1 << 16))
        let tail = FileCheck.readBytes(path, offset: tailStart, count: fileSize - tailStart)
        var index = tail.count - 2
        while index >= 0 {
            if tail[index] == 0xFF, tail[index + 1] & 0xFE == 0xF8,
               let first = firstSample(ofFrameAt: index, in: tail, fixedBlockSize: blockSize)
            {
                guard first >= info.frameCount else { return }
                throw AudioError(.lengthMismatch, source: path, reason: "STREAMINFO declares \(info.frameCount) "
                    + "samples but the last audio frame starts at sample \(first) (wrong total samples?)")
            }
            index -= 1
        }
    }

    /// The first sample of the FLAC frame whose header starts at `start`, if a valid header (CRC-8 checked) is there.
    private static func firstSample(ofFrameAt start: Int, in bytes: [UInt8], fixedBlockSize: Int) -> Int? {
        guard start + 6 <= bytes.count, bytes[start + 3] & 0x01 == 0, bytes[start + 2] >> 4 != 0,
              bytes[start + 2] & 0x0F != 0x0F
        else { return nil }
        var position = start + 4
        // The frame or sample number, coded like UTF-8 (up to 7 bytes).
        let lead = bytes[position]
        let extra = lead < 0x80 ? 0 : lead >= 0xFE ? 6 : lead >= 0xFC ? 5 : lead >= 0xF8 ? 4 : lead >= 0xF0 ? 3
            : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : -1
        guard extra >= 0, position + extra < bytes.count else { return nil }
        var number = extra == 0 ? Int(lead) : Int(lead) & (0x3F >> extra)
        for offset in 0..<extra {
            let byte = bytes[position + 1 + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            number = number << 6 | Int(byte & 0x3F)
        }
        position += 1 + extra
        switch bytes[start + 2] >> 4 {
        case 6: position += 1
        case 7: position += 2
        default: break
        }
        switch bytes[start + 2] & 0x0F {
        case 12: position += 1
        case 13, 14: position += 2
        default: break
        }
        guard position < bytes.count else { return nil }
        var crc: UInt8 = 0
        for byte in bytes[start..<position] {
            crc ^= byte
            for _ in 0..<8 { crc = crc & 0x80 != 0 ? (crc << 1) ^ 0x07 : crc << 1 }
        }
        guard crc == bytes[position] else { return nil }
        let variable = bytes[start + 1] & 0x01 == 1
        return variable ? number : number * fixedBlockSize
    }
}
