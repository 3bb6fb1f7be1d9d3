import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// The replay pages' templates and static files, loaded once from the server's resources.
struct WebPages: Sendable {
    private let library: MustacheLibrary
    private let assets: [String: (type: String, bytes: ByteBuffer)]

    init() throws {
        guard let templates = Bundle.module.url(forResource: "templates", withExtension: nil),
              let statics = Bundle.module.url(forResource: "static", withExtension: nil) else {
            throw CallStoreError("the server's resources (Web/templates, Web/static) are missing from its bundle")
        }
        var library = MustacheLibrary()
        let manager = FileManager.default
        for name in try manager.contentsOfDirectory(atPath: templates.path) where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: templates.appendingPathComponent(name), encoding: .utf8)
            try library.register(text, named: String(name.dropLast(".mustache".count)))
        }
        self.library = library
        var assets: [String: (type: String, bytes: ByteBuffer)] = [:]
        for name in try manager.contentsOfDirectory(atPath: statics.path) {
            let type = switch name.split(separator: ".").last.map(String.init) ?? "" {
            case "css": "text/css; charset=utf-8"
            case "js": "text/javascript; charset=utf-8"
            case "png": "image/png"
            case "svg": "image/svg+xml"
            default: "application/octet-stream"
            }
            assets[name] = (type, ByteBuffer(bytes: try Data(contentsOf: statics.appendingPathComponent(name))))
        }
        self.assets = assets
    }

    /// A page: no caching (it shows call data), no framing, no inline script (CSP), no referrer to other sites.
    func render(_ template: String, _ object: Any, status: HTTPResponse.Status = .ok) -> Response {
        let html = library.render(object, withTemplate: template) ?? "template \(template) missing"
        var headers = Self.securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A static file (no call data in any of them, so they need no session).
    func asset(_ name: String) -> Response? {
        guard let asset = assets[name] else { return nil }
        var headers = Self.securityHeaders
        headers[.contentType] = asset.type
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: asset.bytes))
    }

    static let securityHeaders: HTTPFields = [
        HTTPField.Name("Content-Security-Policy")!: "default-src 'self'; img-src 'self' data:; media-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        HTTPField.Name("Referrer-Policy")!: "same-origin",
    ]
}
