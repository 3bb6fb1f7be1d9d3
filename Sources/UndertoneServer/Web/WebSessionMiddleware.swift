import Foundation
import HTTPTypes
import Hummingbird

/// Reads the session cookie on every request. A valid session of an unrevoked qa or admin key sets
/// `context.web`; it also authenticates the request as that key (`context.key`, which `RoleMiddleware`
/// accepts in place of a bearer key) for reads, and for writes only with the session's `X-CSRF-Token` header, so a
/// cross-site form or script can never act with the cookie alone.
struct WebSessionMiddleware: RouterMiddleware {
    typealias Context = ServerContext

    let sessions: WebSessions
    let store: any CallStore

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        guard let token = request.cookies[WebSessions.cookieName]?.value, !token.isEmpty,
              let session = await sessions.session(token: token),
              let key = try await store.key(id: session.keyID), key.revokedAt == nil, key.role.allows(.qa)
        else { return try await next(request, context) }
        var context = context
        context.web = WebSignIn(token: token, session: session, key: key)
        if request.method == .get || request.method == .head
            || request.headers[HTTPField.Name("X-CSRF-Token")!].map({ constantTimeEqual($0, session.csrfToken) }) == true {
            context.key = key
        }
        return try await next(request, context)
    }
}

/// Compares two tokens without stopping at the first difference.
func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
}
