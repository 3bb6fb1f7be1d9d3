import Foundation

/// The columns of `CallSchema.recordColumns`, read by either backend, turned into a `CallRecord`.
struct CallRow {
    var id: String
    var kind: String
    var status: String
    var idempotencyKey: String?
    var audioName: String
    var audioSHA256: String
    var audioBytes: Int
    var transcriptName: String?
    var transcriptSHA256: String?
    var transcriptBytes: Int?
    var metadata: String?
    var agent: String?
    var createdAt: Double
    var startedAt: Double?
    var finishedAt: Double?
    var attempts: Int
    var error: String?
    var summary: String?

    func record() throws -> CallRecord {
        guard let kind = CallKind(rawValue: kind), let status = CallStatus(rawValue: status) else {
            throw CallStoreError("call \(id): unknown kind \(kind) or status \(status) in the database")
        }
        var transcript: StoredFile?
        if let transcriptName, let transcriptSHA256 {
            transcript = StoredFile(name: transcriptName, sha256: transcriptSHA256, bytes: transcriptBytes ?? 0)
        }
        return CallRecord(
            id: id, kind: kind, status: status, idempotencyKey: idempotencyKey,
            audio: StoredFile(name: audioName, sha256: audioSHA256, bytes: audioBytes), transcript: transcript,
            metadataJSON: metadata, agent: agent, createdAt: Date(timeIntervalSince1970: createdAt),
            startedAt: startedAt.map(Date.init(timeIntervalSince1970:)),
            finishedAt: finishedAt.map(Date.init(timeIntervalSince1970:)),
            attempts: attempts, error: error,
            summary: try summary.map { try JSONDecoder().decode(CallSummary.self, from: Data($0.utf8)) }
        )
    }

    static func encode(_ summary: CallSummary) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(summary), as: UTF8.self)
    }
}

extension [UInt8] {
    var hex: String { map { String(format: "%02x", $0) }.joined() }

    init?(hex: String) {
        guard hex.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        self = bytes
    }
}
