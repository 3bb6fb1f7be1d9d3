import Hummingbird

/// Authenticates the bearer key and checks its role before the route runs, so 401 and 403 come before any
/// lookup of the call id and never reveal whether it exists.
struct RoleMiddleware: RouterMiddleware {
    typealias Context = ServerContext

    let required: Role
    let store: any CallStore

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        guard let authorization = request.headers[.authorization], authorization.hasPrefix("Bearer "),
              let key = try await APIKeys.verify(String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces), in: store)
        else { throw APIError.unauthorized }
        guard key.role.allows(required) else { throw APIError.forbidden(required) }
        var context = context
        context.key = key
        return try await next(request, context)
    }
}
