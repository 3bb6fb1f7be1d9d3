import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import UndertoneServer

/// The client errors `CallRoutesTests` does not reach: each answers its status with the field and reason, never 500.
@Suite struct RouteErrorTests {
    static func expect(
        _ response: TestResponse, _ status: HTTPResponse.Status, field: String?, reason: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(response.status == status, sourceLocation: sourceLocation)
        let json = try response.json()
        #expect(json["field"] as? String == field, sourceLocation: sourceLocation)
        #expect(json["error"] as? String == reason, sourceLocation: sourceLocation)
    }

    @Test func uploadErrors() async throws {
        let server = try await TestServer(workers: 0, maxUploadBytes: 4 << 20)
        try await server.app().test(.router) { client in
            let headers = server.headers("ingest", MultipartBody.contentType)
            func post(_ body: MultipartBody, headers: HTTPFields = headers) async throws -> TestResponse {
                try await client.execute(uri: "/v1/calls", method: .post, headers: headers, body: body.buffer)
            }
            let wav = Array(try Data(contentsOf: TestServer.calls.appendingPathComponent("layout-deadair.wav")))

            var twice = MultipartBody()
            twice.add("audio", fileName: "a.wav", wav)
            twice.add("audio", fileName: "b.wav", wav)
            try Self.expect(try await post(twice), .badRequest, field: "audio", reason: "given more than once")

            var empty = MultipartBody()
            empty.add("audio", fileName: "empty.wav", [])
            try Self.expect(try await post(empty), .badRequest, field: "audio", reason: "file is empty")

            var bigMetadata = MultipartBody()
            bigMetadata.add("audio", fileName: "call.wav", wav)
            bigMetadata.add("metadata", Array(#"{"agentName":""#.utf8) + [UInt8](repeating: 0x61, count: 1 << 20) + Array(#""}"#.utf8))
            try Self.expect(try await post(bigMetadata), .contentTooLarge, field: "metadata", reason: "larger than 1048576 bytes")

            var unnamed = MultipartBody()
            unnamed.bytes += Array("--\(MultipartBody.boundary)\r\nContent-Disposition: form-data; filename=\"x.wav\"\r\n\r\nabc\r\n".utf8)
            try Self.expect(try await post(unnamed), .badRequest, field: nil, reason: "a part has no form field name")

            // A declared length over the limit is refused before the body is read (none is sent here).
            var declared = headers
            declared[.contentLength] = "\(5 << 20)"
            try Self.expect(
                try await client.execute(uri: "/v1/calls", method: .post, headers: declared), .contentTooLarge, field: nil,
                reason: "upload larger than the server's limit of 4194304 bytes"
            )
            var small = MultipartBody()
            small.add("audio", fileName: "call.wav", wav)

            let noBoundary = try await client.execute(
                uri: "/v1/calls", method: .post, headers: server.headers("ingest", [.contentType: "multipart/form-data"]),
                body: small.buffer
            )
            try Self.expect(noBoundary, .unsupportedMediaType, field: "Content-Type", reason: "must be multipart/form-data with a boundary")

            // A body cut off inside the audio part: no audio was received whole.
            let truncated = ByteBuffer(bytes: Array(small.bytes.prefix(1000)))
            let cut = try await client.execute(uri: "/v1/calls", method: .post, headers: headers, body: truncated)
            try Self.expect(cut, .badRequest, field: "audio", reason: "missing (a file part named audio is required)")

            #expect(try await server.store.list(CallQuery()).calls.isEmpty)
            let incoming = server.directory.url.appendingPathComponent("incoming")
            #expect(try FileManager.default.contentsOfDirectory(atPath: incoming.path).isEmpty)
        }
    }

    @Test func unknownCallsAndClipsPastTheEnd() async throws {
        let server = try await TestServer(workers: 0)
        try await server.app().test(.router) { client in
            for (method, path, role) in [(HTTPRequest.Method.get, "", "qa"), (.get, "/report", "qa"), (.get, "/audio", "qa"), (.delete, "", "admin")] {
                let response = try await client.execute(uri: "/v1/calls/no-such-call\(path)", method: method, headers: server.headers(role))
                try Self.expect(response, .notFound, field: "id", reason: "no such call")
            }
            let upload = try await client.execute(
                uri: "/v1/calls", method: .post, headers: server.headers("ingest", MultipartBody.contentType),
                body: try MultipartBody.fixtureCall("layout-deadair").buffer
            )
            let id = try #require(try upload.json()["id"] as? String)
            let pastEnd = try await client.execute(uri: "/v1/calls/\(id)/audio?start=1000&end=1001", method: .get, headers: server.headers("qa"))
            try Self.expect(pastEnd, .rangeNotSatisfiable, field: "start", reason: "after the end of the call")
            let tooLong = try await client.execute(uri: "/v1/calls/\(id)/audio?start=0&end=601", method: .get, headers: server.headers("qa"))
            try Self.expect(tooLong, .badRequest, field: "end", reason: "a clip may be at most 600 s long")
            let negative = try await client.execute(uri: "/v1/calls/\(id)/audio?start=-1", method: .get, headers: server.headers("qa"))
            try Self.expect(negative, .badRequest, field: "start", reason: "must be seconds from the start of the call, 0 or more")
        }
    }

    /// A key in another scheme, or with the right scheme but no key, is not a bearer key.
    @Test func otherAuthorizationSchemesAre401() async throws {
        let server = try await TestServer(workers: 0)
        try await server.app().test(.router) { client in
            let admin = try #require(server.keys["admin"])
            for value in ["Basic \(admin)", "Bearer", "Bearer ", admin, "bearer\(admin)"] {
                let response = try await client.execute(uri: "/v1/calls", method: .get, headers: [.authorization: value])
                try Self.expect(response, .unauthorized, field: "Authorization", reason: "missing, unknown or revoked API key")
                #expect(response.headers[.wwwAuthenticate] == "Bearer")
            }
        }
    }
}
