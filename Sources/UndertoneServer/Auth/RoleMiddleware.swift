import Hummingbird

/// Authenticates the bearer key and checks its role before the route runs, so 401 and 403 come before any
/// lookup of the call id and never reveal whether it exists.
struct RoleMiddleware: RouterMiddleware {
    typealias Context = ServerContext

    let required: Role
    let store: any CallStore

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        let key: APIKeyRecord
        if let authorization = request.headers[.authorization] {
            guard authorization.hasPrefix("Bearer "),
                  let bearer = try await APIKeys.verify(String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces), in: store)
            else { throw APIError.unauthorized }
            key = bearer
        } else {
            // A replay page's session (WebSessionMiddleware), already checked.
            guard let session = context.key else { throw APIError.unauthorized }
            key = session
        }
        guard key.role.allows(required) else { throw APIError.forbidden(required) }
        var context = context
        context.key = key
        return try await next(request, context)
    }
}
