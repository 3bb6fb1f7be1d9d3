import Foundation
import HTTPTypes
import Hummingbird
import UndertoneAnalysis

/// The replay pages at `/`: sign in with a qa or admin key, the calls table, a call's replay page, the live view.
///
/// Every page with call data needs a session (`WebSessionMiddleware`); without one a page redirects to the sign-in
/// page before anything is looked up, so the answer never depends on whether a call id exists. Forms carry the
/// session's CSRF token and are refused from another origin.
struct WebRoutes: Sendable {
    let store: any CallStore
    let blobs: BlobStore
    let sessions = WebSessions()
    let pageCache = CallPageCache()
    let pages: WebPages
    /// The review routes, when the store keeps reviews (both real stores do).
    let reviews: ReviewRoutes?

    init(store: any CallStore, blobs: BlobStore) throws {
        self.store = store
        self.blobs = blobs
        pages = try WebPages()
        reviews = (store as? any ReviewStore).map { ReviewRoutes(store: store, reviews: $0) }
    }

    /// Must be added to the router before any route it should authenticate.
    var sessionMiddleware: WebSessionMiddleware { WebSessionMiddleware(sessions: sessions, store: store) }

    func register(on router: Router<ServerContext>) {
        reviews?.register(on: router)
        router.get("/") { _, context in Response.redirect(to: context.web == nil ? "/signin" : "/calls", type: .normal) }
        router.get("signin") { _, context in
            context.web == nil ? pages.render("signin", SignInPage()) : Response.redirect(to: "/calls", type: .normal)
        }
        router.post("signin") { request, context in try await signIn(request, context) }
        router.post("signout") { request, context in
            guard let web = context.web else { return Self.toSignIn }
            _ = try await checkedForm(request, context, as: CSRFForm.self)
            await sessions.end(token: web.token)
            var response = Response.redirect(to: "/signin", type: .normal)
            response.setCookie(Self.cookie(value: "", maxAge: 0, request: request))
            return response
        }
        router.get("calls") { request, context in
            guard let web = context.web else { return Self.toSignIn }
            let page = try await CallsPage.load(parameters: request.uri.queryParameters, store: store, csrf: web.session.csrfToken)
            return pages.render("calls", Layout(title: "Calls", csrf: web.session.csrfToken, key: web.key.name, page: page))
        }
        router.get("calls/:id") { _, context in try await callPage(context) }
        router.post("calls/:id/reviews") { request, context in
            guard context.web != nil else { return Self.toSignIn }
            let (form, context) = try await checkedForm(request, context, as: ReviewForm.self)
            guard let reviews else { throw APIError(.notImplemented, field: nil, reason: "this store keeps no reviews") }
            _ = try await reviews.add(context, target: form.target, verdict: form.verdict, comment: form.comment)
            let id = context.parameters.get("id") ?? ""
            return Response.redirect(to: "/calls/\(id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "")#\(form.anchor ?? "moments")", type: .normal)
        }
        router.get("live") { _, context in
            guard let web = context.web else { return Self.toSignIn }
            return pages.render("live", Layout(title: "Live", csrf: web.session.csrfToken, key: web.key.name, page: [String: String]()))
        }
        router.get("static/:name") { _, context in
            guard let name = context.parameters.get("name"), let asset = pages.asset(name) else {
                throw APIError(.notFound, field: "name", reason: "no such file")
            }
            return asset
        }
    }

    private func signIn(_ request: Request, _ context: ServerContext) async throws -> Response {
        try Self.checkOrigin(request)
        let form = try await URLEncodedFormDecoder().decode(SignInForm.self, from: request, context: context)
        guard let key = try await APIKeys.verify(form.key.trimmingCharacters(in: .whitespacesAndNewlines), in: store) else {
            return pages.render("signin", SignInPage(error: "That key is unknown or revoked."), status: .unauthorized)
        }
        guard key.role.allows(.qa) else {
            return pages.render("signin", SignInPage(error: "A key of role \(key.role.rawValue) cannot open the replay pages; use a qa or admin key."), status: .forbidden)
        }
        let (token, _) = await sessions.start(keyID: key.id)
        var response = Response.redirect(to: "/calls", type: .normal)
        response.setCookie(Self.cookie(value: token, maxAge: Int(WebSessions.lifetime), request: request))
        return response
    }

    private func callPage(_ context: ServerContext) async throws -> Response {
        guard let web = context.web else { return Self.toSignIn }
        let layout = { (title: String, page: Any) in Layout(title: title, csrf: web.session.csrfToken, key: web.key.name, page: page) }
        guard let id = context.parameters.get("id"), !id.isEmpty, id.count <= 100, let record = try await store.call(id: id) else {
            return pages.render("message", layout("No such call", Message(text: "There is no call with that id.")), status: .notFound)
        }
        guard record.status == .done, let data = try await store.report(id: id) else {
            let text = record.status == .failed ? "Analysis failed: \(record.error ?? "unknown reason")." : "This call is \(record.status.rawValue); its page appears once it is analysed."
            return pages.render("message", layout(record.audio.name, Message(text: text)))
        }
        let cached = try await analysed(record, report: data)
        let reviewList = try await (store as? any ReviewStore)?.reviews(callID: id) ?? []
        let page = CallPageView(record: record, report: cached.report, transcript: cached.transcript, reviews: reviewList, csrf: web.session.csrfToken)
        return pages.render("call", layout(record.audio.name, page))
    }

    /// A done call's report, decoded, and its transcript's HTML: from the cache, or made and cached.
    private func analysed(_ record: CallRecord, report data: Data) async throws -> CallPageCache.Entry {
        let key = CallPageCache.key(record)
        if let entry = await pageCache.entry(key) { return entry }
        let report = try JSONDecoder().decode(CallReport.self, from: data)
        var words: [Word] = []
        if let transcript = record.transcript {
            words = (try? TranscriptReader.read(url: blobs.url(sha256: transcript.sha256)).words) ?? []
        }
        let entry = CallPageCache.Entry(report: report, transcript: TranscriptHTML.render(turns: report.sentiment.turns, words: words))
        await pageCache.store(entry, for: key)
        return entry
    }

    /// Decodes a form after checking its origin and CSRF token; the context is then authenticated as the
    /// session's key (so the review and API code sees the reviewer).
    private func checkedForm<Form: Decodable & CSRFCarrying>(
        _ request: Request, _ context: ServerContext, as type: Form.Type
    ) async throws -> (form: Form, context: ServerContext) {
        try Self.checkOrigin(request)
        let form = try await URLEncodedFormDecoder().decode(Form.self, from: request, context: context)
        var context = context
        guard let web = context.web, constantTimeEqual(form.csrf, web.session.csrfToken) else {
            throw APIError(.forbidden, field: "csrf", reason: "missing or stale form token; reload the page")
        }
        context.key = web.key
        return (form, context)
    }

    /// Refuses a form posted from another site (the SameSite cookie already stops most; this stops the rest,
    /// including a sign-in forced on the user with someone else's key).
    private static func checkOrigin(_ request: Request) throws {
        guard let origin = request.headers[.origin] else { return }
        let authority = request.head.authority ?? ""
        guard origin == "http://\(authority)" || origin == "https://\(authority)" else {
            throw APIError(.forbidden, field: "Origin", reason: "form posted from another site")
        }
    }

    /// The session cookie: HttpOnly, SameSite=Strict, whole site; Secure when a TLS proxy says the request was https.
    private static func cookie(value: String, maxAge: Int, request: Request) -> Cookie {
        let secure = request.headers[HTTPField.Name("X-Forwarded-Proto")!] == "https"
        return Cookie(name: WebSessions.cookieName, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    private static var toSignIn: Response { Response.redirect(to: "/signin", type: .normal) }
}

/// Every page's frame: title, the signed-in key's name and the CSRF token of its forms, and the page itself.
struct Layout {
    var title: String
    var csrf: String
    var key: String
    var page: Any
}

struct SignInPage {
    var error: String?
}

struct Message {
    var text: String
}

protocol CSRFCarrying {
    var csrf: String { get }
}

struct SignInForm: Decodable {
    var key: String
}

struct CSRFForm: Decodable, CSRFCarrying {
    var csrf: String
}

struct ReviewForm: Decodable, CSRFCarrying {
    var csrf: String
    var target: String
    var verdict: String
    var comment: String?
    /// Where to land on the page after the redirect.
    var anchor: String?
}
