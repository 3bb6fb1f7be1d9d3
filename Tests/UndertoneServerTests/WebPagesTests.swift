import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import UndertoneAnalysis
@testable import UndertoneServer

/// The replay pages' security: sessions only for qa and admin keys, every page and asset with call data behind
/// one, forms and cookie writes only with the CSRF token, escaped call data, and the same answer for every call id
/// to anyone not allowed to see calls. Plus reviews and their summary through the API and the pages.
@Suite struct WebPagesTests {
    static let unknownID = "00000000-0000-0000-0000-000000000000"

    /// Signs in through the form; returns the `Cookie` header value and the page's CSRF token.
    static func signIn(_ client: some TestClientProtocol, key: String) async throws -> (cookie: String, csrf: String) {
        let response = try await client.execute(
            uri: "/signin", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: "key=\(key)")
        )
        #expect(response.status == .seeOther)
        let setCookie = try #require(response.headers[.setCookie])
        #expect(setCookie.contains("HttpOnly"))
        #expect(setCookie.contains("SameSite=Strict"))
        let cookie = String(setCookie.prefix { $0 != ";" })
        let page = try await client.execute(uri: "/calls", method: .get, headers: [.cookie: cookie]).text
        let csrf = try #require(page.firstMatch(of: /name="csrf-token" content="([0-9a-f]+)"/)?.1)
        return (cookie, String(csrf))
    }

    static func upload(_ client: some TestClientProtocol, _ server: TestServer, _ body: MultipartBody) async throws -> String {
        let response = try await client.execute(
            uri: "/v1/calls", method: .post, headers: server.headers("ingest", MultipartBody.contentType), body: body.buffer
        )
        return try #require(try response.json()["id"] as? String)
    }

    @Test func signInOnlyForQAAndAdminKeys() async throws {
        let server = try await TestServer(workers: 0)
        try await server.app().test(.router) { client in
            for key in [server.keys["ingest"]!, server.keys["revoked"]!, "ut_000000000000_nope", ""] {
                let response = try await client.execute(
                    uri: "/signin", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "key=\(key)")
                )
                #expect(response.status == .unauthorized || response.status == .forbidden, "sign-in with \(key)")
                #expect(response.headers[.setCookie] == nil)
            }
            for role in ["qa", "admin"] {
                let (cookie, _) = try await Self.signIn(client, key: server.keys[role]!)
                #expect(try await client.execute(uri: "/calls", method: .get, headers: [.cookie: cookie]).status == .ok)
            }
            // A sign-in form posted from another site is refused (login CSRF).
            let forced = try await client.execute(
                uri: "/signin", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .origin: "https://evil.example"],
                body: ByteBuffer(string: "key=\(server.keys["qa"]!)")
            )
            #expect(forced.status == .forbidden)
            #expect(forced.headers[.setCookie] == nil)
        }
    }

    /// Without a session (no cookie, a made-up one, an ingest bearer key) every page and call route answers the
    /// same for a stored call id and an unknown one: redirect to sign-in for pages, 401/403 for the API.
    @Test func noSessionNoCallDataAndNoIDEnumeration() async throws {
        let server = try await TestServer(workers: 0)
        try await server.app().test(.router) { client in
            let id = try await Self.upload(client, server, try MultipartBody.fixtureCall("layout-overlap"))
            let credentials: [(String, HTTPFields)] = [
                ("nothing", [:]),
                ("a made-up cookie", [.cookie: "\(WebSessions.cookieName)=\(String(repeating: "ab", count: 32))"]),
                ("an ingest key", server.headers("ingest")),
            ]
            let routes: [(HTTPRequest.Method, String)] = [
                (.get, "/calls"), (.get, "/calls/ID"), (.get, "/live"), (.post, "/calls/ID/reviews"),
                (.get, "/v1/calls/ID/audio"), (.get, "/v1/calls/ID/reviews"), (.post, "/v1/calls/ID/reviews"),
                (.get, "/v1/reviews/summary"),
            ]
            for (name, headers) in credentials {
                for (method, template) in routes {
                    var answers: Set<String> = []
                    for callID in [id, Self.unknownID] {
                        let response = try await client.execute(
                            uri: template.replacingOccurrences(of: "ID", with: callID), method: method, headers: headers
                        )
                        answers.insert("\(response.status.code) \(response.headers[.location] ?? "") \(response.text)")
                        #expect(
                            [303, 401, 403].contains(response.status.code), "\(method) \(template) with \(name): \(response.status)"
                        )
                        #expect(!response.text.contains("layout-overlap"), "\(method) \(template) with \(name) shows call data")
                    }
                    #expect(answers.count == 1, "\(method) \(template) with \(name) answers differ by id: \(answers)")
                }
            }
            // The static files carry no call data and are public; an unknown one is a plain 404.
            #expect(try await client.execute(uri: "/static/call.js", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/static/nothing.js", method: .get).status == .notFound)
        }
    }

    /// The cookie alone never changes anything: API writes need the X-CSRF-Token header, forms the csrf field.
    @Test func cookieWritesNeedTheCSRFToken() async throws {
        let server = try await TestServer(workers: 0)
        try await server.app().test(.router) { client in
            let id = try await Self.upload(client, server, try MultipartBody.fixtureCall("layout-overlap"))
            let (cookie, csrf) = try await Self.signIn(client, key: server.keys["qa"]!)
            let json: HTTPFields = [.cookie: cookie, .contentType: "application/json"]
            let body = ByteBuffer(string: #"{"target":"deadAir@64.92","verdict":"confirmed"}"#)
            let noToken = try await client.execute(uri: "/v1/calls/\(id)/reviews", method: .post, headers: json, body: body)
            #expect(noToken.status == .unauthorized)
            var withToken = json
            withToken[HTTPField.Name("X-CSRF-Token")!] = csrf
            // Past the CSRF check: the call has no report yet, so there is nothing to review.
            let accepted = try await client.execute(uri: "/v1/calls/\(id)/reviews", method: .post, headers: withToken, body: body)
            #expect(accepted.status == .notFound)
            withToken[HTTPField.Name("X-CSRF-Token")!] = String(csrf.reversed())
            #expect(try await client.execute(uri: "/v1/calls/\(id)/reviews", method: .post, headers: withToken, body: body).status == .unauthorized)

            let form: HTTPFields = [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"]
            let forged = try await client.execute(
                uri: "/calls/\(id)/reviews", method: .post, headers: form, body: ByteBuffer(string: "csrf=0&target=x&verdict=confirmed")
            )
            #expect(forged.status == .forbidden)
            #expect(try await client.execute(uri: "/signout", method: .post, headers: form, body: ByteBuffer(string: "csrf=0")).status == .forbidden)
            // Reads work with the cookie: the audio for the page's player.
            #expect(try await client.execute(uri: "/v1/calls/\(id)/audio", method: .get, headers: [.cookie: cookie]).status == .ok)

            let signOut = try await client.execute(uri: "/signout", method: .post, headers: form, body: ByteBuffer(string: "csrf=\(csrf)"))
            #expect(signOut.status == .seeOther)
            #expect(signOut.headers[.setCookie]?.contains("Max-Age=0") == true)
            let after = try await client.execute(uri: "/calls/\(id)", method: .get, headers: [.cookie: cookie])
            #expect(after.status == .seeOther)
            #expect(after.headers[.location] == "/signin")
            #expect(try await client.execute(uri: "/v1/calls/\(id)/audio", method: .get, headers: [.cookie: cookie]).status == .unauthorized)
        }
    }

    /// A transcript word and an agent name that are HTML reach the page as text; reviews are stored with the
    /// reviewer's key name, shown on the page and counted in the summary; a criterion override needs a reason.
    @Test func callPageEscapesAndReviewsAreCounted() async throws {
        let server = try await TestServer(workers: 1)
        try await server.app().test(.live) { client in
            let stem = "layout-overlap"
            var transcript = try JSONSerialization.jsonObject(
                with: Data(contentsOf: TestServer.calls.appendingPathComponent("\(stem).json"))
            ) as! [String: Any]
            var words = transcript["words"] as! [[String: Any]]
            words[0]["text"] = "<script>alert(1)</script>"
            transcript["words"] = words
            var body = MultipartBody()
            try body.addFile("audio", TestServer.calls.appendingPathComponent("\(stem).wav"))
            body.add("transcript", fileName: "\(stem).json", Array(try JSONSerialization.data(withJSONObject: transcript)))
            body.add("metadata", Array(#"{"agentName":"<img src=x onerror=alert(2)>"}"#.utf8))
            let id = try await Self.upload(client, server, body)
            #expect(try await CallRoutesTests.waitUntilFinished(client, server, id: id)["status"] as? String == "done")

            let (cookie, csrf) = try await Self.signIn(client, key: server.keys["qa"]!)
            let page = try await client.execute(uri: "/calls/\(id)", method: .get, headers: [.cookie: cookie])
            #expect(page.status == .ok)
            #expect(page.headers[.cacheControl] == "no-store")
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(page.text.contains("&lt;img src=x onerror=alert(2)&gt;"))
            #expect(!page.text.contains("<script>alert"))
            #expect(!page.text.contains("<img src=x"))
            let list = try await client.execute(uri: "/calls", method: .get, headers: [.cookie: cookie]).text
            #expect(list.contains("&lt;img src=x onerror=alert(2)&gt;") && !list.contains("<img src=x"))

            let reportData = try await client.execute(uri: "/v1/calls/\(id)/report", method: .get, headers: server.headers("qa")).body
            let report = try JSONDecoder().decode(CallReport.self, from: Data(reportData.readableBytesView))
            let moment = try #require(report.moments.first)
            let momentKey = ReviewTargets.momentKey(moment)
            let criterion = try #require(report.criteria.first)
            let criterionKey = "\(criterion.template)/\(criterion.id)"

            // Through the page's form: a false alarm, then the API as admin: confirmed on the same moment later
            // wins; an override without a reason is refused with the field named.
            let form: HTTPFields = [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"]
            let posted = try await client.execute(
                uri: "/calls/\(id)/reviews", method: .post, headers: form,
                body: ByteBuffer(string: "csrf=\(csrf)&target=\(momentKey)&verdict=falseAlarm&comment=music%20not%20silence&anchor=moment-0")
            )
            #expect(posted.status == .seeOther)
            let shown = try await client.execute(uri: "/calls/\(id)", method: .get, headers: [.cookie: cookie]).text
            #expect(shown.contains("QA: <strong>False alarm</strong> — music not silence <small>(test-qa,"))

            let api = server.headers("admin", [.contentType: "application/json"])
            let noReason = try await client.execute(
                uri: "/v1/calls/\(id)/reviews", method: .post, headers: api,
                body: ByteBuffer(string: #"{"target":"\#(criterionKey)","verdict":"na"}"#)
            )
            #expect(noReason.status == .badRequest)
            #expect(try noReason.json()["field"] as? String == "comment")
            let badTarget = try await client.execute(
                uri: "/v1/calls/\(id)/reviews", method: .post, headers: api,
                body: ByteBuffer(string: #"{"target":"deadAir@9999.00","verdict":"confirmed"}"#)
            )
            #expect(badTarget.status == .badRequest)
            let override = try await client.execute(
                uri: "/v1/calls/\(id)/reviews", method: .post, headers: api,
                body: ByteBuffer(string: #"{"target":"\#(criterionKey)","verdict":"na","comment":"not a sales call"}"#)
            )
            #expect(override.status == .created)
            #expect(try override.json()["reviewer"] as? String == "test-admin")

            let history = try await client.execute(uri: "/v1/calls/\(id)/reviews", method: .get, headers: server.headers("qa")).json()
            let reviews = try #require(history["reviews"] as? [[String: Any]])
            #expect(reviews.map { $0["target"] as? String } == [momentKey, criterionKey])
            #expect(reviews.first?["reviewer"] as? String == "test-qa")

            let summary = try await client.execute(uri: "/v1/reviews/summary", method: .get, headers: server.headers("qa")).json()
            let moments = try #require(summary["moments"] as? [String: [String: Any]])
            #expect(moments[moment.kind.rawValue]?["rejected"] as? Int == 1)
            #expect(moments[moment.kind.rawValue]?["confirmed"] as? Int == 0)
            let criteria = try #require(summary["criteria"] as? [String: [String: Any]])
            let original = criterion.applicable ? (criterion.passed == true ? "pass" : "fail") : "na"
            #expect(criteria[criterionKey]?[original == "na" ? "confirmed" : "rejected"] as? Int == 1)
        }
    }
}
