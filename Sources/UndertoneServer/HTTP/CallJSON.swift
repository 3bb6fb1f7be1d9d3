import Foundation

/// The JSON shape of a call in `GET /v1/calls/{id}` and in listings (docs/openapi.yaml, `Call`).
struct CallJSON: Encodable {
    struct File: Encodable {
        var name: String
        var bytes: Int
        var sha256: String
    }

    var id: String
    var kind: String
    var status: String
    var error: String?
    var attempts: Int
    var createdAt: Date
    var startedAt: Date?
    var finishedAt: Date?
    /// Seconds from start to done, when done.
    var analysisSeconds: Double?
    var agent: String?
    var idempotencyKey: String?
    var audio: File
    var transcript: File?
    var summary: CallSummary?

    init(_ record: CallRecord) {
        id = record.id
        kind = record.kind.rawValue
        status = record.status.rawValue
        error = record.error
        attempts = record.attempts
        createdAt = record.createdAt
        startedAt = record.startedAt
        finishedAt = record.finishedAt
        if record.status == .done, let startedAt = record.startedAt, let finishedAt = record.finishedAt {
            analysisSeconds = finishedAt.timeIntervalSince(startedAt)
        }
        agent = record.agent
        idempotencyKey = record.idempotencyKey
        audio = File(name: record.audio.name, bytes: record.audio.bytes, sha256: record.audio.sha256)
        transcript = record.transcript.map { File(name: $0.name, bytes: $0.bytes, sha256: $0.sha256) }
        summary = record.summary
    }
}

struct CallListJSON: Encodable {
    var calls: [CallJSON]
    var nextCursor: String?
}

struct AcceptedJSON: Encodable {
    var id: String
    var status: String
}

extension JSONEncoder {
    /// The encoder of every server JSON body except reports (which keep the CLI's encoding).
    static func api() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        }
        return encoder
    }
}
