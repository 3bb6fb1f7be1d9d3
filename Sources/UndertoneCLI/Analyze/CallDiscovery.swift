import Foundation
import UndertoneAnalysis

/// Finds the calls in the paths given to `undertone analyze` and pairs each audio file with its transcript and
/// metadata by stem: `call.wav` goes with `call.vtt`, `call.srt` or `call.json`, and with `call.meta.json`.
enum CallDiscovery {
    static let audioExtensions: Set<String> = ["wav", "flac", "ogg", "opus", "oga", "mp3", "au", "aiff", "aif", "caf", "w64"]
    static let transcriptExtensions = ["json", "vtt", "srt"]

    /// The calls under `path`: the file itself, or every audio file in the folder and its subfolders, sorted.
    static func calls(in path: String) throws -> [CallInput] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(path: path, reason: "no such file or folder")
        }
        guard isDirectory.boolValue else { return [pairedInput(for: URL(fileURLWithPath: path))] }
        let root = URL(fileURLWithPath: path, isDirectory: true)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw InputError(path: path, reason: "folder cannot be read")
        }
        var found: [URL] = []
        for case let url as URL in walker where audioExtensions.contains(url.pathExtension.lowercased()) {
            found.append(url)
        }
        return found.sorted { $0.path < $1.path }.map(pairedInput(for:))
    }

    /// The transcript and metadata that sit next to `audio` with the same stem, when they exist.
    static func pairedInput(for audio: URL) -> CallInput {
        let stem = audio.deletingPathExtension()
        let fileManager = FileManager.default
        let metadata = stem.appendingPathExtension("meta.json")
        let transcript = transcriptExtensions
            .map { stem.appendingPathExtension($0) }
            .first { fileManager.fileExists(atPath: $0.path) }
        return CallInput(
            audio: audio,
            transcript: transcript,
            metadata: fileManager.fileExists(atPath: metadata.path) ? metadata : nil
        )
    }
}
