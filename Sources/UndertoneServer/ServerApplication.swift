public import Foundation
public import Hummingbird
public import Logging
public import ServiceLifecycle
import HummingbirdWebSocket

/// Everything `serve` needs, with the CLI's defaults.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// `--data`: the SQLite database (unless `--database`) and the audio and transcript files.
    public var data = URL(fileURLWithPath: "undertone-data", isDirectory: true)
    public var maxUploadBytes = 512 << 20
    public var workers = WorkerOptions()
    public var webhook: WebhookNotifier?
    /// The live taps (`/v1/taps/...`).
    public var taps = TapSettings()

    public init() {}
}

/// The `undertone serve` application: routes, in-process workers and metrics over one store.
public enum ServerApplication {
    /// Builds the application. `store` must already be migrated.
    public static func make(
        store: any CallStore, configuration: ServerConfiguration, metrics: ServerMetrics = ServerMetrics(), logger: Logger
    ) throws -> some ApplicationProtocol {
        let blobs = try BlobStore(data: configuration.data)
        let signal = JobSignal()
        let router = Router(context: ServerContext.self)
        router.add(middleware: RequestMetricsMiddleware(metrics: metrics))
        let web = try WebRoutes(store: store, blobs: blobs)
        router.add(middleware: web.sessionMiddleware)
        router.get("healthz") { _, _ in Response.json(#"{"status":"ok"}"#) }
        router.get("readyz") { _, _ in
            do {
                _ = try await store.countByStatus()
                return Response.json(#"{"status":"ready"}"#)
            } catch {
                return Response.json(#"{"status":"storage unavailable"}"#, status: .serviceUnavailable)
            }
        }
        router.group("metrics").add(middleware: RoleMiddleware(required: .qa, store: store)).get { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: try await metrics.render(store: store)))
            )
        }
        CallRoutes(
            store: store, blobs: blobs, uploads: UploadReceiver(blobs: blobs, maxUploadBytes: configuration.maxUploadBytes),
            metrics: metrics, signal: signal
        ).register(on: router)
        web.register(on: router)

        let taps = TapRoutes(services: try TapServices(
            store: store, blobs: blobs, data: configuration.data, settings: configuration.taps, webhook: configuration.webhook,
            logger: logger
        ))
        taps.register(on: router)

        var services: [any Service] = [TapRecoveryService(services: taps.services)]
        if configuration.workers.workers > 0 {
            services.append(WorkerPool(
                store: store, blobs: blobs, analysis: try CallAnalysisService(), options: configuration.workers,
                metrics: metrics, signal: signal, webhook: configuration.webhook, logger: logger
            ))
        }
        return Application(
            router: router, server: .http1WebSocketUpgrade(webSocketRouter: taps.webSocketRouter()),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "undertone"),
            services: services, logger: logger
        )
    }

    /// Workers only, for `undertone-server worker` processes beside a `serve` on the same PostgreSQL database.
    public static func workers(store: any CallStore, configuration: ServerConfiguration, logger: Logger) throws -> some Service {
        WorkerPool(
            store: store, blobs: try BlobStore(data: configuration.data), analysis: try CallAnalysisService(),
            options: configuration.workers, metrics: ServerMetrics(), signal: JobSignal(), webhook: configuration.webhook,
            logger: logger
        )
    }
}

extension Response {
    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }

    /// `value` encoded as an API JSON body (``JSONEncoder/api()``), one line.
    static func json(encoding value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        var data = try JSONEncoder.api().encode(value)
        data.append(0x0a)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
