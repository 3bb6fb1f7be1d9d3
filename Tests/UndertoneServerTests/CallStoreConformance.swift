import Foundation
import Testing
@testable import UndertoneServer

/// The storage and queue contract, written once and run against every backend (`SQLiteCallStoreTests`,
/// `PostgresCallStoreTests`). Each check gets a fresh, migrated, empty store.
enum CallStoreConformance: String, CaseIterable, Sendable {
    case createAndFetch, idempotentCreate, claimsOldestFirst, heartbeatNeedsOwner, expiredLeaseIsReclaimed,
         attemptsCapFailsLostJobs, failRetriesThenFails, reportOnlyWhenDone, listingFiltersAndPages,
         deleteRemovesEverything, keys, countsByStatus, concurrentClaimsAreExclusive, alertsPerCall

    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static func newCall(_ n: Int, key: String? = nil, agent: String? = nil, sha: String? = nil) -> NewCall {
        NewCall(
            id: String(format: "call-%04d", n), idempotencyKey: key,
            audio: StoredFile(name: "call\(n).wav", sha256: sha ?? String(repeating: "a", count: 63) + "\(n % 10)", bytes: 1000 + n),
            transcript: StoredFile(name: "call\(n).json", sha256: String(repeating: "b", count: 64), bytes: 10),
            metadataJSON: #"{"agentName":"\#(agent ?? "Dana")"}"#, agent: agent ?? "Dana",
            createdAt: t0.addingTimeInterval(Double(n))
        )
    }

    static func summary(opening: Double?, moments: [String: Int]) -> CallSummary {
        CallSummary(durationSeconds: 60, agentTalkRatio: 0.5, deadAirSeconds: 5, holdSeconds: 0, openingScore: opening, momentCounts: moments)
    }

    func run(on store: any CallStore) async throws {
        let t0 = Self.t0
        switch self {
        case .createAndFetch:
            let (record, created) = try await store.createCall(Self.newCall(1))
            #expect(created)
            #expect(record.status == .queued)
            #expect(record.attempts == 0)
            #expect(record.audio == StoredFile(name: "call1.wav", sha256: String(repeating: "a", count: 63) + "1", bytes: 1001))
            #expect(record.transcript?.name == "call1.json")
            #expect(record.createdAt == t0.addingTimeInterval(1))
            #expect(try await store.call(id: "call-0001") == record)
            #expect(try await store.call(id: "nope") == nil)

        case .idempotentCreate:
            let first = try await store.createCall(Self.newCall(1, key: "k1"))
            let again = try await store.createCall(Self.newCall(2, key: "k1"))
            #expect(first.created && !again.created)
            #expect(again.record.id == "call-0001")
            #expect(try await store.list(CallQuery()).calls.count == 1)
            #expect(try await store.createCall(Self.newCall(3, key: nil)).created)
            #expect(try await store.createCall(Self.newCall(4, key: nil)).created)

        case .claimsOldestFirst:
            for n in [3, 1, 2] { _ = try await store.createCall(Self.newCall(n)) }
            var claimed: [String] = []
            while let job = try await store.claimNextJob(owner: "w", lease: 30, maxAttempts: 3, now: t0) {
                claimed.append(job.call.id)
                #expect(job.call.status == .running)
                #expect(job.call.attempts == 1)
                #expect(job.leaseExpiresAt == t0.addingTimeInterval(30))
            }
            #expect(claimed == ["call-0001", "call-0002", "call-0003"])

        case .heartbeatNeedsOwner:
            _ = try await store.createCall(Self.newCall(1))
            let job = try #require(try await store.claimNextJob(owner: "w1", lease: 30, maxAttempts: 3, now: t0))
            #expect(try await store.heartbeat(id: job.call.id, owner: "w1", lease: 30, now: t0.addingTimeInterval(20)))
            #expect(try await !store.heartbeat(id: job.call.id, owner: "w2", lease: 30, now: t0.addingTimeInterval(20)))
            // The heartbeat moved the lease to t0+50: not expired at t0+40.
            #expect(try await store.claimNextJob(owner: "w2", lease: 30, maxAttempts: 3, now: t0.addingTimeInterval(40)) == nil)

        case .expiredLeaseIsReclaimed:
            _ = try await store.createCall(Self.newCall(1))
            let first = try #require(try await store.claimNextJob(owner: "w1", lease: 30, maxAttempts: 3, now: t0))
            let second = try #require(try await store.claimNextJob(owner: "w2", lease: 30, maxAttempts: 3, now: t0.addingTimeInterval(31)))
            #expect(second.call.id == first.call.id)
            #expect(second.call.attempts == 2)
            let report = Data(#"{"ok":true}"#.utf8)
            let summary = Self.summary(opening: 0.8, moments: ["deadAir": 1])
            #expect(try await !store.complete(id: first.call.id, owner: "w1", report: report, summary: summary, now: t0.addingTimeInterval(32)))
            #expect(try await store.fail(id: first.call.id, owner: "w1", reason: "x", retry: true, maxAttempts: 3, now: t0) == nil)
            #expect(try await store.complete(id: first.call.id, owner: "w2", report: report, summary: summary, now: t0.addingTimeInterval(33)))
            #expect(try await !store.complete(id: first.call.id, owner: "w2", report: report, summary: summary, now: t0.addingTimeInterval(34)))
            let done = try #require(try await store.call(id: first.call.id))
            #expect(done.status == .done)
            #expect(done.summary == summary)
            #expect(done.finishedAt == t0.addingTimeInterval(33))
            #expect(try await store.report(id: first.call.id) == report)

        case .attemptsCapFailsLostJobs:
            _ = try await store.createCall(Self.newCall(1))
            _ = try #require(try await store.claimNextJob(owner: "w1", lease: 10, maxAttempts: 2, now: t0))
            _ = try #require(try await store.claimNextJob(owner: "w2", lease: 10, maxAttempts: 2, now: t0.addingTimeInterval(11)))
            #expect(try await store.claimNextJob(owner: "w3", lease: 10, maxAttempts: 2, now: t0.addingTimeInterval(22)) == nil)
            let failed = try #require(try await store.call(id: "call-0001"))
            #expect(failed.status == .failed)
            #expect(failed.attempts == 2)
            #expect(failed.error == "analysis interrupted 2 times (worker stopped or lost its lease); not retried")

        case .failRetriesThenFails:
            _ = try await store.createCall(Self.newCall(1))
            let job = try #require(try await store.claimNextJob(owner: "w", lease: 10, maxAttempts: 2, now: t0))
            #expect(try await store.fail(id: job.call.id, owner: "w", reason: "disk full", retry: true, maxAttempts: 2, now: t0) == .queued)
            #expect(try await store.call(id: job.call.id)?.status == .queued)
            let again = try #require(try await store.claimNextJob(owner: "w", lease: 10, maxAttempts: 2, now: t0))
            #expect(try await store.fail(id: again.call.id, owner: "w", reason: "disk full", retry: true, maxAttempts: 2, now: t0) == .failed)
            #expect(try await store.call(id: job.call.id)?.error == "disk full")
            _ = try await store.createCall(Self.newCall(2))
            let bad = try #require(try await store.claimNextJob(owner: "w", lease: 10, maxAttempts: 2, now: t0))
            #expect(try await store.fail(id: bad.call.id, owner: "w", reason: "audio: cut short", retry: false, maxAttempts: 2, now: t0) == .failed)
            #expect(try await store.claimNextJob(owner: "w", lease: 10, maxAttempts: 2, now: t0.addingTimeInterval(100)) == nil)

        case .reportOnlyWhenDone:
            _ = try await store.createCall(Self.newCall(1))
            #expect(try await store.report(id: "call-0001") == nil)
            let job = try #require(try await store.claimNextJob(owner: "w", lease: 10, maxAttempts: 2, now: t0))
            #expect(try await store.report(id: job.call.id) == nil)

        case .listingFiltersAndPages:
            for n in 1...7 {
                _ = try await store.createCall(Self.newCall(n, agent: n.isMultiple(of: 2) ? "Eve" : "Dana"))
            }
            for n in 1...3 {
                let job = try #require(try await store.claimNextJob(owner: "w", lease: 10, maxAttempts: 2, now: t0))
                let summary = Self.summary(opening: Double(n) / 4, moments: n == 2 ? ["longHold": 2] : ["deadAir": 1])
                #expect(try await store.complete(id: job.call.id, owner: "w", report: Data("{}".utf8), summary: summary, now: t0))
            }
            let ids = { (page: CallPage) in page.calls.map(\.id) }
            #expect(ids(try await store.list(CallQuery(agent: "Eve"))) == ["call-0006", "call-0004", "call-0002"])
            #expect(ids(try await store.list(CallQuery(status: .done))) == ["call-0003", "call-0002", "call-0001"])
            #expect(ids(try await store.list(CallQuery(minOpeningScore: 0.5))) == ["call-0003", "call-0002"])
            #expect(ids(try await store.list(CallQuery(moment: "longHold"))) == ["call-0002"])
            #expect(ids(try await store.list(CallQuery(moment: "Hold"))) == [])
            let window = CallQuery(from: t0.addingTimeInterval(2), to: t0.addingTimeInterval(5))
            #expect(ids(try await store.list(window)) == ["call-0004", "call-0003", "call-0002"])
            var pages: [[String]] = []
            var query = CallQuery(limit: 3)
            while true {
                let page = try await store.list(query)
                pages.append(ids(page))
                guard let next = page.nextCursor else { break }
                query.cursor = CallCursor(text: next.text)
            }
            #expect(pages == [["call-0007", "call-0006", "call-0005"], ["call-0004", "call-0003", "call-0002"], ["call-0001"]])

        case .deleteRemovesEverything:
            _ = try await store.createCall(Self.newCall(1, sha: "shared"))
            _ = try await store.createCall(Self.newCall(2, sha: "shared"))
            try await store.addAlert(callID: "call-0001", StoredAlert(audioTime: 1, kind: "deadAir", json: "{}"))
            #expect(try await store.delete(id: "call-0001")?.audio.sha256 == "shared")
            #expect(try await store.call(id: "call-0001") == nil)
            #expect(try await store.alerts(callID: "call-0001").isEmpty)
            #expect(try await store.isReferenced(sha256: "shared"))
            #expect(try await store.delete(id: "call-0001") == nil)
            _ = try await store.delete(id: "call-0002")
            #expect(try await !store.isReferenced(sha256: "shared"))

        case .keys:
            let key = APIKeyRecord(id: "k1", name: "recorder", role: .ingest, salt: [1, 2, 3], hash: [0xff, 0], createdAt: t0)
            try await store.createKey(key)
            try await store.createKey(APIKeyRecord(id: "k2", name: "qa", role: .qa, salt: [4], hash: [5], createdAt: t0.addingTimeInterval(1)))
            #expect(try await store.key(id: "k1") == key)
            #expect(try await store.listKeys().map(\.id) == ["k1", "k2"])
            #expect(try await store.revokeKey(id: "k1", now: t0.addingTimeInterval(5)))
            #expect(try await store.key(id: "k1")?.revokedAt == t0.addingTimeInterval(5))
            #expect(try await !store.revokeKey(id: "missing", now: t0))
            #expect(try await store.key(id: "missing") == nil)

        case .countsByStatus:
            for n in 1...4 { _ = try await store.createCall(Self.newCall(n)) }
            _ = try await store.claimNextJob(owner: "w", lease: 10, maxAttempts: 2, now: t0)
            #expect(try await store.countByStatus() == [.queued: 3, .running: 1])

        case .concurrentClaimsAreExclusive:
            for n in 1...24 { _ = try await store.createCall(Self.newCall(n)) }
            let claimed = try await withThrowingTaskGroup(of: [String].self) { group in
                for worker in 0..<4 {
                    group.addTask {
                        var mine: [String] = []
                        while let job = try await store.claimNextJob(owner: "w\(worker)", lease: 60, maxAttempts: 2, now: t0) {
                            mine.append(job.call.id)
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(claimed.count == 24)
            #expect(Set(claimed).count == 24)

        case .alertsPerCall:
            _ = try await store.createCall(Self.newCall(1))
            try await store.addAlert(callID: "call-0001", StoredAlert(audioTime: 9.5, kind: "longHold", json: #"{"b":1}"#))
            try await store.addAlert(callID: "call-0001", StoredAlert(audioTime: 4.25, kind: "deadAir", json: #"{"a":1}"#))
            #expect(try await store.alerts(callID: "call-0001").map(\.kind) == ["deadAir", "longHold"])
            #expect(try await store.alerts(callID: "call-0001").first?.json == #"{"a":1}"#)
        }
    }
}
