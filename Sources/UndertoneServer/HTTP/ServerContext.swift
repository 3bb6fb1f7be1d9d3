public import Hummingbird

/// The request context of every route: the authenticated key, once the role middleware has checked it.
public struct ServerContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The key that authenticated the request; nil on the unauthenticated health routes.
    public var key: APIKeyRecord?
    /// The replay pages' session, when the request carries a valid session cookie (`WebSessionMiddleware`).
    var web: WebSignIn?

    public init(source: Source) {
        coreContext = .init(source: source)
    }
}
