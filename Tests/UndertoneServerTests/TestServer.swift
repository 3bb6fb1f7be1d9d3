import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
@testable import UndertoneServer

/// A server on a fresh SQLite store with one key per role, for the route tests.
struct TestServer {
    let directory: TemporaryDirectory
    let store: any CallStore
    let metrics = ServerMetrics()
    /// What the server logged at warning and above.
    let logs = LogCapture()
    var configuration = ServerConfiguration()
    /// A key of each role, and a revoked admin key.
    let keys: [String: String]

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let calls = repository.appendingPathComponent("AudioFixtures/calls")

    init(workers: Int = 1, maxUploadBytes: Int = 64 << 20, store: (any CallStore)? = nil) async throws {
        directory = try TemporaryDirectory()
        if let store {
            self.store = store
        } else {
            self.store = try SQLiteCallStore(path: directory.url.appendingPathComponent("undertone.sqlite").path)
        }
        try await self.store.migrate()
        var keys: [String: String] = [:]
        for role in Role.allCases {
            let (key, record) = APIKeys.generate(role: role, name: "test-\(role.rawValue)")
            try await self.store.createKey(record)
            keys[role.rawValue] = key
        }
        let (revoked, record) = APIKeys.generate(role: .admin, name: "revoked")
        try await self.store.createKey(record)
        _ = try await self.store.revokeKey(id: record.id, now: Date())
        keys["revoked"] = revoked
        self.keys = keys
        configuration.port = 0
        configuration.data = directory.url
        configuration.maxUploadBytes = maxUploadBytes
        configuration.workers = WorkerOptions(workers: workers, lease: .seconds(30), maxAttempts: 2, pollInterval: .milliseconds(50))
    }

    func app() throws -> some ApplicationProtocol {
        let logs = logs
        var logger = Logger(label: "undertone.test") { MultiplexLogHandler([StreamLogHandler.standardError(label: $0), logs.handler()]) }
        logger.logLevel = .warning
        return try ServerApplication.make(store: store, configuration: configuration, metrics: metrics, logger: logger)
    }

    func headers(_ role: String?, _ extra: HTTPFields = [:]) -> HTTPFields {
        var fields = extra
        if let role { fields[.authorization] = "Bearer \(keys[role] ?? role)" }
        return fields
    }
}

/// A multipart/form-data body.
struct MultipartBody {
    static let boundary = "undertone-test-boundary-7f3a"
    var bytes: [UInt8] = []

    mutating func add(_ name: String, fileName: String? = nil, _ content: [UInt8]) {
        var disposition = "Content-Disposition: form-data; name=\"\(name)\""
        if let fileName { disposition += "; filename=\"\(fileName)\"" }
        bytes += Array("--\(Self.boundary)\r\n\(disposition)\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        bytes += content
        bytes += Array("\r\n".utf8)
    }

    mutating func addFile(_ name: String, _ url: URL) throws {
        add(name, fileName: url.lastPathComponent, Array(try Data(contentsOf: url)))
    }

    var buffer: ByteBuffer { ByteBuffer(bytes: bytes + Array("--\(Self.boundary)--\r\n".utf8)) }
    static let contentType: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]

    /// A fixture call's audio, transcript and metadata.
    static func fixtureCall(_ stem: String, metadata: [UInt8]? = nil) throws -> MultipartBody {
        var body = MultipartBody()
        try body.addFile("audio", TestServer.calls.appendingPathComponent("\(stem).wav"))
        try body.addFile("transcript", TestServer.calls.appendingPathComponent("\(stem).json"))
        if let metadata {
            body.add("metadata", metadata)
        } else {
            try body.addFile("metadata", TestServer.calls.appendingPathComponent("\(stem).meta.json"))
        }
        return body
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    func json() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] ?? [:]
    }
}
