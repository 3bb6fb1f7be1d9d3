import Foundation
import Hummingbird
import UndertoneAudio

/// `?start=&end=` on `GET /v1/calls/{id}/audio`: seconds into the call.
struct AudioClipRequest {
    var start: Double
    var end: Double
    /// Clips are decoded in memory, so they are bounded.
    static let maxSeconds = 600.0

    init?(_ parameters: Parameters) throws(APIError) {
        let startText = parameters.get("start"), endText = parameters.get("end")
        guard startText != nil || endText != nil else { return nil }
        guard let start = Double(startText ?? "0"), start >= 0, start.isFinite else {
            throw APIError(field: "start", reason: "must be seconds from the start of the call, 0 or more")
        }
        guard let end = endText.map(Double.init) ?? start + Self.maxSeconds, end > start, end.isFinite else {
            throw APIError(field: "end", reason: "must be seconds after start")
        }
        guard end - start <= Self.maxSeconds else {
            throw APIError(field: "end", reason: "a clip may be at most \(Int(Self.maxSeconds)) s long")
        }
        self.start = start
        self.end = end
    }
}

/// Cuts a clip of a stored call as 16-bit PCM WAV at the file's own rate and channels, for the replay page.
enum AudioClip {
    static func wav(path: String, clip: AudioClipRequest) throws -> [UInt8] {
        var file: SoundFile
        do { file = try SoundFile(path: path) } catch { throw APIError(.unprocessableContent, field: "audio", reason: error.reason) }
        let rate = file.info.sampleRate, channels = file.info.channels
        let first = Int(clip.start * Double(rate)), last = min(Int(clip.end * Double(rate)), file.info.frameCount)
        guard first < last else { throw APIError(.rangeNotSatisfiable, field: "start", reason: "after the end of the call") }
        var samples: [Int16] = []
        samples.reserveCapacity((last - first) * channels)
        var block = [Float](repeating: 0, count: 4096 * channels)
        var position = 0
        while position < last {
            let frames = try block.withUnsafeMutableBufferPointer { try file.readInterleaved(into: $0) }
            guard frames > 0 else { break }
            let from = max(first, position), to = min(last, position + frames)
            if from < to {
                for index in ((from - position) * channels)..<((to - position) * channels) {
                    samples.append(Int16(max(-1, min(1, block[index])) * 32767))
                }
            }
            position += frames
        }
        return header(rate: rate, channels: channels, dataBytes: samples.count * 2)
            + samples.withUnsafeBytes { Array($0) }
    }

    /// The RIFF header of a 16-bit PCM WAV file.
    private static func header(rate: Int, channels: Int, dataBytes: Int) -> [UInt8] {
        func le32(_ value: Int) -> [UInt8] { withUnsafeBytes(of: UInt32(value).littleEndian, Array.init) }
        func le16(_ value: Int) -> [UInt8] { withUnsafeBytes(of: UInt16(value).littleEndian, Array.init) }
        return Array("RIFF".utf8) + le32(36 + dataBytes) + Array("WAVEfmt ".utf8) + le32(16) + le16(1) + le16(channels)
            + le32(rate) + le32(rate * channels * 2) + le16(channels * 2) + le16(16) + Array("data".utf8) + le32(dataBytes)
    }

    /// The media type for an uploaded file, from its name.
    static func mediaType(forName name: String) -> String {
        switch name.split(separator: ".").last?.lowercased() {
        case "wav": "audio/wav"
        case "flac": "audio/flac"
        case "mp3": "audio/mpeg"
        case "ogg", "opus": "audio/ogg"
        default: "application/octet-stream"
        }
    }
}
