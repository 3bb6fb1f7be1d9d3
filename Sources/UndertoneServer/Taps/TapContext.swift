import Hummingbird
import HummingbirdWebSocket

/// The request context of the WebSocket upgrade router (the live taps).
struct TapContext: RequestContext, WebSocketRequestContext {
    var coreContext: CoreRequestContextStorage
    let webSocket: WebSocketHandlerReference<Self>

    init(source: Source) {
        coreContext = .init(source: source)
        webSocket = .init()
    }
}
