import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import UndertoneAnalysis
import UndertoneAudio
@testable import UndertoneServer

@Suite struct CallRoutesTests {
    /// Polls `GET /v1/calls/{id}` until the call leaves the queue.
    static func waitUntilFinished(_ client: some TestClientProtocol, _ server: TestServer, id: String) async throws -> [String: Any] {
        for _ in 0..<1200 {
            let json = try await client.execute(uri: "/v1/calls/\(id)", method: .get, headers: server.headers("qa")).json()
            if let status = json["status"] as? String, status == "done" || status == "failed" { return json }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("call \(id) did not finish in 120 s")
        return [:]
    }

    @Test func uploadThenReportEqualsTheCLIReport() async throws {
        let server = try await TestServer()
        try await server.app().test(.live) { client in
            let body = try MultipartBody.fixtureCall("layout-overlap")
            let accepted = try await client.execute(
                uri: "/v1/calls", method: .post, headers: server.headers("ingest", MultipartBody.contentType), body: body.buffer
            )
            #expect(accepted.status == .accepted)
            let id = try #require(try accepted.json()["id"] as? String)
            #expect(try accepted.json()["status"] as? String == "queued")

            let early = try await client.execute(uri: "/v1/calls/\(id)/report", method: .get, headers: server.headers("qa"))
            #expect(early.status == .notFound || early.status == .ok)

            let finished = try await Self.waitUntilFinished(client, server, id: id)
            #expect(finished["status"] as? String == "done")
            #expect(finished["attempts"] as? Int == 1)
            let summary = try #require(finished["summary"] as? [String: Any])
            #expect((summary["durationSeconds"] as? Double ?? 0) > 20)

            let report = try await client.execute(uri: "/v1/calls/\(id)/report", method: .get, headers: server.headers("qa"))
            #expect(report.status == .ok)
            // What `undertone analyze FILE --transcript T --metadata M` writes for the same files. Reports are
            // sorted-key JSON, so the bytes must match; the one field that legitimately differs is `call.source`:
            // the CLI writes the audio's path, the server the uploaded file's name.
            let calls = TestServer.calls
            let audioPath = calls.appendingPathComponent("layout-overlap.wav").path
            let cli = try CallAnalyzer().analyze(CallInput(
                audio: URL(fileURLWithPath: audioPath), transcript: calls.appendingPathComponent("layout-overlap.json"),
                metadata: calls.appendingPathComponent("layout-overlap.meta.json")
            )).jsonData()
            let cliText = String(decoding: cli, as: UTF8.self)
            #expect(cliText.components(separatedBy: "\"\(audioPath)\"").count == 2, "the path appears once, as call.source")
            let served = String(decoding: report.body.readableBytesView, as: UTF8.self)
            #expect(served == cliText.replacingOccurrences(of: "\"\(audioPath)\"", with: "\"layout-overlap.wav\""))
            #expect(try JSONDecoder().decode(CallReport.self, from: Data(served.utf8)).call.source == "layout-overlap.wav")
        }
    }

    @Test func retriedUploadReturnsTheSameCall() async throws {
        let server = try await TestServer(workers: 0)
        try await server.app().test(.router) { client in
            let body = try MultipartBody.fixtureCall("layout-overlap")
            var headers = server.headers("ingest", MultipartBody.contentType)
            headers[HTTPField.Name("Idempotency-Key")!] = "recording-42"
            let first = try await client.execute(uri: "/v1/calls", method: .post, headers: headers, body: body.buffer)
            let again = try await client.execute(uri: "/v1/calls", method: .post, headers: headers, body: body.buffer)
            #expect(first.status == .accepted)
            #expect(again.status == .ok)
            #expect(try first.json()["id"] as? String == again.json()["id"] as? String)

            let withExternalID = try MultipartBody.fixtureCall("layout-overlap", metadata: Array(#"{"agentName":"Dana","externalId":"crm-7"}"#.utf8))
            let plain = server.headers("ingest", MultipartBody.contentType)
            let a = try await client.execute(uri: "/v1/calls", method: .post, headers: plain, body: withExternalID.buffer)
            let b = try await client.execute(uri: "/v1/calls", method: .post, headers: plain, body: withExternalID.buffer)
            #expect(a.status == .accepted)
            #expect(b.status == .ok)
            #expect(try a.json()["id"] as? String == b.json()["id"] as? String)
            #expect(try a.json()["id"] as? String != first.json()["id"] as? String)

            let list = try await client.execute(uri: "/v1/calls", method: .get, headers: server.headers("qa")).json()
            #expect((list["calls"] as? [Any])?.count == 2)
        }
    }

    /// Each bad input: status, the field named, and the reason.
    @Test func badInputNamesTheFieldAndReason() async throws {
        let server = try await TestServer(workers: 0, maxUploadBytes: 2 << 20)
        try await server.app().test(.router) { client in
            let headers = server.headers("ingest", MultipartBody.contentType)
            func post(_ body: MultipartBody, headers: HTTPFields = headers) async throws -> TestResponse {
                try await client.execute(uri: "/v1/calls", method: .post, headers: headers, body: body.buffer)
            }
            let wav = Array(try Data(contentsOf: TestServer.calls.appendingPathComponent("layout-deadair.wav")))

            var notAudio = MultipartBody()
            notAudio.add("audio", fileName: "call.wav", Array("this is not audio at all".utf8))
            let badAudio = try await post(notAudio)
            #expect(badAudio.status == .badRequest)
            #expect(try badAudio.json()["field"] as? String == "audio")
            // The CLI's reason for the same bytes.
            let staged = server.directory.url.appendingPathComponent("same-bytes.wav")
            try Data("this is not audio at all".utf8).write(to: staged)
            var cliReason = ""
            do { _ = try SoundFile(path: staged.path) } catch let error as AudioError { cliReason = error.reason }
            #expect(!cliReason.isEmpty)
            #expect(try badAudio.json()["error"] as? String == cliReason)

            var badTranscript = MultipartBody()
            badTranscript.add("audio", fileName: "call.wav", wav)
            badTranscript.add("transcript", fileName: "call.json", Array(#"{"nothing": "like a transcript"}"#.utf8))
            let transcript = try await post(badTranscript)
            #expect(transcript.status == .badRequest)
            #expect(try transcript.json()["field"] as? String == "transcript")
            #expect(!(try transcript.json()["error"] as? String ?? "").isEmpty)

            var badMetadata = MultipartBody()
            badMetadata.add("audio", fileName: "call.wav", wav)
            badMetadata.add("metadata", Array("[1, 2]".utf8))
            let metadata = try await post(badMetadata)
            #expect(metadata.status == .badRequest)
            #expect(try metadata.json()["field"] as? String == "metadata")

            var missing = MultipartBody()
            missing.add("transcript", fileName: "call.vtt", Array("WEBVTT\n".utf8))
            let noAudio = try await post(missing)
            #expect(noAudio.status == .badRequest)
            #expect(try noAudio.json()["field"] as? String == "audio")
            #expect(try noAudio.json()["error"] as? String == "missing (a file part named audio is required)")

            var unknown = MultipartBody()
            unknown.add("audio", fileName: "call.wav", wav)
            unknown.add("video", Array("x".utf8))
            #expect(try await post(unknown).json()["field"] as? String == "video")

            var oversize = MultipartBody()
            oversize.add("audio", fileName: "big.wav", [UInt8](repeating: 0, count: 3 << 20))
            let tooLarge = try await post(oversize)
            #expect(tooLarge.status == .contentTooLarge)
            #expect(try tooLarge.json()["error"] as? String == "upload larger than the server's limit of 2097152 bytes")

            let notMultipart = try await client.execute(
                uri: "/v1/calls", method: .post, headers: server.headers("ingest", [.contentType: "application/json"]),
                body: ByteBuffer(string: "{}")
            )
            #expect(notMultipart.status == .unsupportedMediaType)
            #expect(try notMultipart.json()["field"] as? String == "Content-Type")

            var good = MultipartBody()
            good.add("audio", fileName: "call.wav", wav)
            var emptyKey = headers
            emptyKey[HTTPField.Name("Idempotency-Key")!] = String(repeating: "k", count: 201)
            #expect(try await post(good, headers: emptyKey).json()["field"] as? String == "Idempotency-Key")

            for (query, field) in [("status=bogus", "status"), ("limit=0", "limit"), ("from=yesterday", "from"),
                                   ("minOpeningScore=101", "minOpeningScore"), ("moment=nope", "moment"),
                                   ("cursor=zz", "cursor"), ("colour=red", "colour")] {
                let response = try await client.execute(uri: "/v1/calls?\(query)", method: .get, headers: server.headers("qa"))
                #expect(response.status == .badRequest, "\(query)")
                #expect(try response.json()["field"] as? String == field, "\(query)")
            }
            // Nothing was stored by the rejected uploads, and no partial file is left behind.
            #expect(try await server.store.list(CallQuery()).calls.isEmpty)
            let incoming = server.directory.url.appendingPathComponent("incoming")
            #expect(try FileManager.default.contentsOfDirectory(atPath: incoming.path).isEmpty)
        }
    }

    /// Every route: no key, an unknown key and a revoked key get 401; a key of the wrong role gets 403; and the
    /// answer is the same whether or not the call id exists.
    @Test func everyRouteChecksKeyAndRole() async throws {
        let server = try await TestServer(workers: 0)
        try await server.app().test(.router) { client in
            let upload = try await client.execute(
                uri: "/v1/calls", method: .post, headers: server.headers("ingest", MultipartBody.contentType),
                body: try MultipartBody.fixtureCall("layout-overlap").buffer
            )
            let id = try #require(try upload.json()["id"] as? String)
            let routes: [(HTTPRequest.Method, String, allowed: Set<String>)] = [
                (.post, "/v1/calls", ["ingest", "admin"]),
                (.get, "/v1/calls", ["qa", "admin"]),
                (.get, "/v1/calls/ID", ["qa", "admin"]),
                (.get, "/v1/calls/ID/report", ["qa", "admin"]),
                (.get, "/v1/calls/ID/audio", ["qa", "admin"]),
                (.delete, "/v1/calls/ID", ["admin"]),
                (.get, "/metrics", ["qa", "admin"]),
            ]
            for (method, template, allowed) in routes {
                for callID in [id, "00000000-0000-0000-0000-000000000000"] {
                    let uri = template.replacingOccurrences(of: "ID", with: callID)
                    for key in [nil, "ut_000000000000_nope", "revoked"] {
                        let response = try await client.execute(uri: uri, method: method, headers: server.headers(key))
                        #expect(response.status == .unauthorized, "\(method) \(uri) with \(key ?? "no key")")
                        #expect(try response.json()["field"] as? String == "Authorization")
                    }
                    for role in ["ingest", "qa", "admin"] where !allowed.contains(role) {
                        let response = try await client.execute(uri: uri, method: method, headers: server.headers(role))
                        #expect(response.status == .forbidden, "\(method) \(uri) as \(role)")
                        #expect(try response.json()["error"] as? String == "this key's role may not do this (needs \(allowed.contains("qa") ? "qa" : allowed.contains("ingest") ? "ingest" : "admin"))")
                    }
                }
            }
            for path in ["/healthz", "/readyz"] {
                #expect(try await client.execute(uri: path, method: .get).status == .ok)
            }
        }
    }

    @Test func readAudioRangesClipsAndDelete() async throws {
        let server = try await TestServer(workers: 0)
        try await server.app().test(.live) { client in
            let upload = try await client.execute(
                uri: "/v1/calls", method: .post, headers: server.headers("ingest", MultipartBody.contentType),
                body: try MultipartBody.fixtureCall("layout-overlap").buffer
            )
            let id = try #require(try upload.json()["id"] as? String)
            let original = Array(try Data(contentsOf: TestServer.calls.appendingPathComponent("layout-overlap.wav")))

            let whole = try await client.execute(uri: "/v1/calls/\(id)/audio", method: .get, headers: server.headers("qa"))
            #expect(whole.status == .ok)
            #expect(whole.headers[.contentType] == "audio/wav")
            #expect(Array(whole.body.readableBytesView) == original)

            var range = server.headers("qa")
            range[.range] = "bytes=100-199"
            let part = try await client.execute(uri: "/v1/calls/\(id)/audio", method: .get, headers: range)
            #expect(part.status == .partialContent)
            #expect(part.headers[.contentRange] == "bytes 100-199/\(original.count)")
            #expect(Array(part.body.readableBytesView) == Array(original[100...199]))

            range[.range] = "bytes=-10"
            let tail = try await client.execute(uri: "/v1/calls/\(id)/audio", method: .get, headers: range)
            #expect(Array(tail.body.readableBytesView) == Array(original.suffix(10)))

            range[.range] = "bytes=\(original.count)-"
            #expect(try await client.execute(uri: "/v1/calls/\(id)/audio", method: .get, headers: range).status == .rangeNotSatisfiable)

            let clip = try await client.execute(uri: "/v1/calls/\(id)/audio?start=10&end=12.5", method: .get, headers: server.headers("qa"))
            #expect(clip.status == .ok)
            let info = try SoundFile(path: try Self.write(clip, in: server)).info
            let source = try SoundFile(path: TestServer.calls.appendingPathComponent("layout-overlap.wav").path).info
            #expect(info.frameCount == Int(2.5 * Double(source.sampleRate)))
            #expect(info.channels == source.channels)
            let badClip = try await client.execute(uri: "/v1/calls/\(id)/audio?start=5&end=4", method: .get, headers: server.headers("qa"))
            #expect(try badClip.json()["field"] as? String == "end")

            let report = try await client.execute(uri: "/v1/calls/\(id)/report", method: .get, headers: server.headers("qa"))
            #expect(report.status == .notFound)
            #expect(try report.json()["error"] as? String == "no report yet: the call is queued")

            let deleted = try await client.execute(uri: "/v1/calls/\(id)", method: .delete, headers: server.headers("admin"))
            #expect(deleted.status == .noContent)
            let gone = try await client.execute(uri: "/v1/calls/\(id)", method: .get, headers: server.headers("qa"))
            #expect(gone.status == .notFound)
            #expect(try gone.json()["error"] as? String == "no such call")
            let sha = try BlobStore.sha256(of: TestServer.calls.appendingPathComponent("layout-overlap.wav"))
            #expect(!FileManager.default.fileExists(atPath: try BlobStore(data: server.directory.url).url(sha256: sha).path))
            #expect(try await client.execute(uri: "/v1/calls/\(id)", method: .delete, headers: server.headers("admin")).status == .notFound)
        }
    }

    private static func write(_ response: TestResponse, in server: TestServer) throws -> String {
        let url = server.directory.url.appendingPathComponent("clip-\(UUID().uuidString).wav")
        try Data(response.body.readableBytesView).write(to: url)
        return url.path
    }
}
