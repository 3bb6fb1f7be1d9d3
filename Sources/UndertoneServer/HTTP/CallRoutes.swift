import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The `/v1/calls` routes. Each group checks the key's role first (`RoleMiddleware`), so authentication and
/// authorisation never depend on whether the call id exists.
struct CallRoutes: Sendable {
    let store: any CallStore
    let blobs: BlobStore
    let uploads: UploadReceiver
    let metrics: ServerMetrics
    let signal: JobSignal
    let fileIO = FileIO()

    func register(on router: Router<ServerContext>) {
        router.group("v1/calls").add(middleware: RoleMiddleware(required: .ingest, store: store))
            .post { request, _ in try await upload(request) }
        router.group("v1/calls").add(middleware: RoleMiddleware(required: .qa, store: store))
            .get { request, _ in try await list(request) }
            .get(":id") { _, context in try await call(context) }
            .get(":id/report") { _, context in try await report(context) }
            .get(":id/audio") { request, context in try await audio(request, context) }
        router.group("v1/calls").add(middleware: RoleMiddleware(required: .admin, store: store))
            .delete(":id") { _, context in try await delete(context) }
    }

    private func upload(_ request: Request) async throws -> Response {
        let upload = try await uploads.receive(request)
        try blobs.commit(upload.audio)
        if let transcript = upload.transcript { try blobs.commit(transcript.file) }
        let key = request.headers[HTTPField.Name("Idempotency-Key")!] ?? upload.externalID
        if let key, key.isEmpty || key.count > 200 {
            throw APIError(field: "Idempotency-Key", reason: "must be 1 to 200 characters")
        }
        let (record, created) = try await store.createCall(NewCall(
            idempotencyKey: key,
            audio: StoredFile(name: upload.audioName, sha256: upload.audio.sha256, bytes: upload.audio.bytes),
            transcript: upload.transcript.map { StoredFile(name: $0.name, sha256: $0.file.sha256, bytes: $0.file.bytes) },
            metadataJSON: upload.metadataJSON, agent: upload.agent
        ))
        if created {
            metrics.accepted.increment()
            signal.notify()
        }
        return try Response.json(encoding: AcceptedJSON(id: record.id, status: record.status.rawValue), status: created ? .accepted : .ok)
    }

    private func list(_ request: Request) async throws -> Response {
        let query = try CallListQuery.parse(request.uri.queryParameters)
        let page = try await store.list(query)
        return try Response.json(encoding: CallListJSON(calls: page.calls.map(CallJSON.init), nextCursor: page.nextCursor?.text))
    }

    private func call(_ context: ServerContext) async throws -> Response {
        try Response.json(encoding: CallJSON(try await record(context)))
    }

    private func report(_ context: ServerContext) async throws -> Response {
        let record = try await record(context)
        guard record.status == .done, let report = try await store.report(id: record.id) else {
            throw APIError(.notFound, field: "id", reason: "no report yet: the call is \(record.status.rawValue)")
        }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: report)))
    }

    private func audio(_ request: Request, _ context: ServerContext) async throws -> Response {
        let record = try await record(context)
        let path = blobs.url(sha256: record.audio.sha256).path
        let size = record.audio.bytes
        let clip = try AudioClipRequest(request.uri.queryParameters)
        if let clip {
            let wav = try AudioClip.wav(path: path, clip: clip)
            return Response(status: .ok, headers: [.contentType: "audio/wav"], body: .init(byteBuffer: ByteBuffer(bytes: wav)))
        }
        var headers: HTTPFields = [.contentType: AudioClip.mediaType(forName: record.audio.name), .acceptRanges: "bytes"]
        guard let rangeHeader = request.headers[.range] else {
            headers[.contentLength] = "\(size)"
            return Response(status: .ok, headers: headers, body: try await fileIO.loadFile(path: path, context: context))
        }
        guard let range = ByteRange.parse(header: rangeHeader, size: size) else {
            headers[.contentRange] = "bytes */\(size)"
            throw APIError(.rangeNotSatisfiable, field: "Range", reason: "not a satisfiable byte range of \(size) bytes")
        }
        headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(size)"
        headers[.contentLength] = "\(range.count)"
        return Response(status: .partialContent, headers: headers, body: try await fileIO.loadFile(path: path, range: range, context: context))
    }

    private func delete(_ context: ServerContext) async throws -> Response {
        guard let record = try await store.delete(id: try callID(context)) else { throw APIError.noSuchCall }
        for sha in [record.audio.sha256, record.transcript?.sha256].compactMap({ $0 }) where try await !store.isReferenced(sha256: sha) {
            blobs.remove(sha256: sha)
        }
        return Response(status: .noContent)
    }

    private func record(_ context: ServerContext) async throws -> CallRecord {
        guard let record = try await store.call(id: try callID(context)) else { throw APIError.noSuchCall }
        return record
    }

    private func callID(_ context: ServerContext) throws -> String {
        guard let id = context.parameters.get("id"), !id.isEmpty, id.count <= 100 else { throw APIError.noSuchCall }
        return id
    }

}

/// The query of `GET /v1/calls`, each parameter checked with a reason naming it.
enum CallListQuery {
    static func parse(_ parameters: Parameters) throws(APIError) -> CallQuery {
        var query = CallQuery()
        for (name, value) in parameters {
            let value = String(value)
            switch String(name) {
            case "agent": query.agent = value
            case "from": query.from = try date(value, "from")
            case "to": query.to = try date(value, "to")
            case "status":
                guard let status = CallStatus(rawValue: value) else {
                    throw APIError(field: "status", reason: "must be one of \(CallStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                query.status = status
            case "minOpeningScore":
                guard let score = Double(value), (0...100).contains(score) else {
                    throw APIError(field: "minOpeningScore", reason: "must be a number from 0 to 100")
                }
                query.minOpeningScore = score
            case "moment":
                guard CallAnalysisService.momentKinds.contains(value) else {
                    throw APIError(field: "moment", reason: "must be one of \(CallAnalysisService.momentKinds.sorted().joined(separator: ", "))")
                }
                query.moment = value
            case "limit":
                guard let limit = Int(value), (1...500).contains(limit) else {
                    throw APIError(field: "limit", reason: "must be an integer from 1 to 500")
                }
                query.limit = limit
            case "cursor":
                guard let cursor = CallCursor(text: value) else { throw APIError(field: "cursor", reason: "not a cursor this server gave") }
                query.cursor = cursor
            default:
                throw APIError(field: String(name), reason: "unknown query parameter")
            }
        }
        return query
    }

    /// `2026-12-01` (midnight UTC) or a full ISO 8601 time.
    private static func date(_ text: String, _ field: String) throws(APIError) -> Date {
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle()) { return date }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle().year().month().day()) { return date }
        throw APIError(field: field, reason: "must be an ISO 8601 date (2026-12-01) or time (2026-12-01T09:30:00Z)")
    }
}
