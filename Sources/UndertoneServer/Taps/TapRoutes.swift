import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import NIOCore
import ServiceLifecycle

/// The live-tap routes: the three WebSocket taps (on their own upgrade router), the SSE alert streams and the
/// transcript push. An upgrade that fails its checks falls through to the HTTP router, whose routes of the same
/// paths answer with the reason (401, 403, 400) or, when all is well but the request was no upgrade, 426.
struct TapRoutes: Sendable {
    let services: TapServices

    /// The WebSocket upgrade router.
    func webSocketRouter() -> Router<TapContext> {
        let router = Router(context: TapContext.self)
        let services = services
        router.ws("v1/taps/twilio") { request, _ in
            (try? await TapAuth.twilio(request, services: services)) == nil ? .dontUpgrade : .upgrade([:])
        } onUpgrade: { inbound, outbound, _ in
            try await TwilioTap(services: services).run(inbound: inbound, outbound: outbound)
        }
        router.ws("v1/taps/audiohook") { request, _ in
            (try? await TapAuth.key(request, store: services.store, allowAPIKeyHeader: true)) == nil ? .dontUpgrade : .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            try await audioHook(context.request).run(inbound: inbound, outbound: outbound)
        }
        router.ws("v1/taps/raw") { request, _ in
            guard (try? await TapAuth.key(request, store: services.store)) != nil,
                  (try? RawTap(services: services, query: request.uri.queryParameters)) != nil else { return .dontUpgrade }
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            try await RawTap(services: services, query: context.request.uri.queryParameters).run(inbound: inbound, outbound: outbound)
        }
        return router
    }

    private func audioHook(_ request: Request) -> AudioHookTap {
        let header = { (name: String) in request.headers[HTTPField.Name(name)!] }
        let failure = services.settings.audioHookClientSecret.flatMap { secret in
            AudioHookSignature.failure(
                secret: secret, requestTarget: request.head.path ?? "/", authority: request.head.authority ?? "", header: header
            )
        }
        return AudioHookTap(
            services: services, signatureFailure: failure, sessionID: header("audiohook-session-id"),
            organizationID: header("audiohook-organization-id")
        )
    }

    /// The HTTP routes: alerts, transcript words, and the taps' answers to requests that did not upgrade.
    func register(on router: Router<ServerContext>) {
        let services = services
        router.get("v1/taps/twilio") { request, _ -> Response in
            try await TapAuth.twilio(request, services: services)
            throw Self.upgradeRequired
        }
        router.get("v1/taps/audiohook") { request, _ -> Response in
            _ = try await TapAuth.key(request, store: services.store, allowAPIKeyHeader: true)
            throw Self.upgradeRequired
        }
        router.get("v1/taps/raw") { request, _ -> Response in
            _ = try await TapAuth.key(request, store: services.store)
            _ = try RawTap(services: services, query: request.uri.queryParameters)
            throw Self.upgradeRequired
        }
        router.group("v1/live").add(middleware: RoleMiddleware(required: .qa, store: services.store))
            .get("alerts") { request, _ in Self.eventStream(services.hub.subscribe(callID: nil), request: request) }
        router.group("v1/calls").add(middleware: RoleMiddleware(required: .qa, store: services.store))
            .get(":id/alerts") { request, context in try await callAlerts(request, context) }
        router.group("v1/calls").add(middleware: RoleMiddleware(required: .ingest, store: services.store))
            .post(":id/transcript") { request, context in try await transcript(request, context) }
    }

    static let upgradeRequired = APIError(.upgradeRequired, field: "Upgrade", reason: "a WebSocket endpoint: send an upgrade request")

    /// One call's alerts: live, as they fire; for a finished call, the stored ones, then the stream ends.
    private func callAlerts(_ request: Request, _ context: ServerContext) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        guard let record = try await services.store.call(id: id) else { throw APIError.noSuchCall }
        if record.status == .live {
            // Subscribed before the second look, so an alert between the two is not missed.
            let stream = services.hub.subscribe(callID: id)
            if services.active.isActive(id) { return Self.eventStream(stream, request: request) }
        }
        var body = ByteBuffer(string: ": subscribed\n\n")
        for alert in try await services.store.alerts(callID: id) { body.writeString("event: alert\ndata: \(alert.json)\n\n") }
        body.writeString("event: end\ndata: {\"callId\":\"\(id)\"}\n\n")
        return Response(status: .ok, headers: Self.eventHeaders, body: .init(byteBuffer: body))
    }

    private func transcript(_ request: Request, _ context: ServerContext) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        let body = try await request.body.collect(upTo: 1 << 20)
        let words = try WordEvent.words(from: Data(buffer: body))
        guard services.active.deliver(words, to: id) else {
            throw APIError(.conflict, field: "id", reason: "no live call \(id) is streaming on this server")
        }
        return Response.json(#"{"accepted":\#(words.count)}"#, status: .accepted)
    }

    private static let eventHeaders: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-cache"]

    /// Writes `stream` until the hub ends it, the subscriber hangs up or the server shuts down. Without the last two
    /// a quiet stream never ends: its connection task waits for an alert forever, and graceful shutdown waits for it.
    private static func eventStream(_ stream: AsyncStream<ByteBuffer>, request: Request) -> Response {
        Response(status: .ok, headers: eventHeaders, body: .init { writer in
            try? await request.body.consumeWithCancellationOnInboundClose { _ in
                for await frame in stream.cancelOnGracefulShutdown() { try await writer.write(frame) }
            }
            try? await writer.finish(nil)
        })
    }
}
