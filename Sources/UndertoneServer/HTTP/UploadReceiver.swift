import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// Receives `POST /v1/calls`: streams the multipart body part by part to files under `--data/incoming`, checks
/// each part the way `analyze` reads it, and moves the files to the blob store. Nothing is held whole in memory.
struct UploadReceiver: Sendable {
    let blobs: BlobStore
    let maxUploadBytes: Int
    /// Upper bound on the metadata part, which is kept in memory.
    static let maxMetadataBytes = 1 << 20

    /// The parts of one upload, on disk and checked.
    struct Upload {
        var audio: BlobWriter.Finished
        var audioName: String
        var transcript: (file: BlobWriter.Finished, name: String)?
        var metadataJSON: String?
        var agent: String?
        var externalID: String?
    }

    func receive(_ request: Request) async throws -> Upload {
        guard let contentType = request.headers[.contentType], let boundary = Self.boundary(of: contentType) else {
            throw APIError(.unsupportedMediaType, field: "Content-Type", reason: "must be multipart/form-data with a boundary")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxUploadBytes {
            throw tooLarge
        }
        let parts = PartCollector(blobs: blobs)
        defer { parts.discardAll() }
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in parts.header(name: name, value: value) }
        parser.onBody = { buffer in parts.body(buffer.readableBytesView) }
        parser.onPartComplete = { parts.partComplete() }
        var received = 0
        for try await buffer in request.body {
            received += buffer.readableBytes
            guard received <= maxUploadBytes else { throw tooLarge }
            do {
                try parser.execute(buffer)
            } catch {
                throw APIError(field: nil, reason: "malformed multipart body")
            }
            if let error = parts.error { throw error }
        }
        return try parts.upload()
    }

    private var tooLarge: APIError {
        APIError(.contentTooLarge, field: nil, reason: "upload larger than the server's limit of \(maxUploadBytes) bytes")
    }

    static func boundary(of contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() where piece.lowercased().hasPrefix("boundary=") {
            let value = piece.dropFirst("boundary=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return value.isEmpty ? nil : value
        }
        return nil
    }
}

/// The parser's callbacks, turned into files. Used by one request's task only.
private final class PartCollector {
    private let blobs: BlobStore
    private var name: String?
    private var fileName: String?
    private var writer: BlobWriter?
    private var metadata: [UInt8] = []
    private var files: [String: (file: BlobWriter.Finished, name: String)] = [:]
    private var metadataJSON: String?
    private var seen: Set<String> = []
    /// The first problem found; reported after the current chunk.
    private(set) var error: APIError?

    init(blobs: BlobStore) { self.blobs = blobs }

    func header(name headerName: String, value: String) {
        guard headerName.lowercased() == "content-disposition" else { return }
        let parameters = Self.parameters(value)
        name = parameters["name"]
        fileName = parameters["filename"]
        guard error == nil, let name else { return fail(APIError(field: nil, reason: "a part has no form field name")) }
        guard ["audio", "transcript", "metadata"].contains(name) else {
            return fail(APIError(field: name, reason: "unknown field (expected audio, transcript, metadata)"))
        }
        guard seen.insert(name).inserted else { return fail(APIError(field: name, reason: "given more than once")) }
        if name != "metadata" {
            do { writer = try blobs.makeWriter() } catch { fail(APIError(.internalServerError, field: name, reason: "cannot store the file")) }
        }
    }

    func body(_ bytes: ByteBufferView) {
        guard error == nil else { return }
        if let writer {
            do { try writer.write(bytes) } catch { fail(APIError(.internalServerError, field: name, reason: "cannot store the file")) }
        } else if name == "metadata" {
            metadata += bytes
            if metadata.count > UploadReceiver.maxMetadataBytes {
                fail(APIError(.contentTooLarge, field: "metadata", reason: "larger than \(UploadReceiver.maxMetadataBytes) bytes"))
            }
        }
    }

    func partComplete() {
        guard error == nil, let name else { return }
        if let writer {
            self.writer = nil
            do {
                files[name] = (try writer.finish(), Self.safeName(fileName, default: name))
            } catch {
                writer.discard()
                fail(APIError(.internalServerError, field: name, reason: "cannot store the file"))
            }
        } else {
            metadataJSON = String(decoding: metadata, as: UTF8.self)
        }
        self.name = nil
    }

    func upload() throws -> UploadReceiver.Upload {
        if let error { throw error }
        guard let audio = files["audio"] else { throw APIError(field: "audio", reason: "missing (a file part named audio is required)") }
        guard audio.file.bytes > 0 else { throw APIError(field: "audio", reason: "file is empty") }
        try CallAnalysisService.checkAudio(at: audio.file.url)
        if let transcript = files["transcript"] { try CallAnalysisService.checkTranscript(at: transcript.file.url) }
        var upload = UploadReceiver.Upload(audio: audio.file, audioName: audio.name, transcript: files["transcript"], metadataJSON: metadataJSON)
        if let metadataJSON { (upload.agent, upload.externalID) = try CallAnalysisService.checkMetadata(metadataJSON) }
        files = [:]
        return upload
    }

    /// Removes files not handed over by `upload()`.
    func discardAll() {
        writer?.discard()
        for (_, entry) in files { try? FileManager.default.removeItem(at: entry.file.url) }
    }

    private func fail(_ apiError: APIError) {
        if error == nil { error = apiError }
        writer?.discard()
        writer = nil
    }

    /// `form-data; name="audio"; filename="call.wav"` → ["name": "audio", "filename": "call.wav"].
    private static func parameters(_ value: String) -> [String: String] {
        var result: [String: String] = [:]
        for piece in value.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            result[pair[0].lowercased()] = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return result
    }

    /// The client's file name without any directory part (it becomes the report's `call.source`).
    private static func safeName(_ name: String?, default fallback: String) -> String {
        let base = name.map { String($0.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "") } ?? ""
        return base.isEmpty ? fallback : base
    }
}
