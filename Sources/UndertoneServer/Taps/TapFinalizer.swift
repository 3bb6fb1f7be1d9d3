import Foundation
import Logging
import ServiceLifecycle
import UndertoneAnalysis

/// Stores a finished live call like an uploaded one, and at start-up finalizes the calls a stopped server left
/// `live`, from the audio that reached their spool files.
enum TapFinalizer {
    /// Moves a finished spool file into the blob store.
    static func commit(spool: URL, bytes: Int, name: String, blobs: BlobStore) throws -> StoredFile {
        let sha256 = try BlobStore.sha256(of: spool)
        try blobs.commit(BlobWriter.Finished(url: spool, sha256: sha256, bytes: bytes))
        return StoredFile(name: name, sha256: sha256, bytes: bytes)
    }

    static func store(
        id: String, audio: StoredFile, report: Data, summary: CallSummary, alerts: [LiveAlert], note: String?,
        services: TapServices
    ) async throws {
        for alert in alerts {
            try await services.store.addAlert(
                callID: id, StoredAlert(audioTime: alert.audioTime, kind: alert.kind.rawValue, json: AlertLine(callID: id, alert: alert).json)
            )
        }
        guard try await services.store.finishLive(id: id, audio: audio, report: report, summary: summary, note: note, now: Date()) else {
            throw CallStoreError("call \(id) is no longer live")
        }
        await services.webhook?.notify(id: id, status: .done)
    }

    /// Finalizes every call left `live` by a server that stopped mid-call: the batch analysis of the audio that
    /// arrived (the same frames the live session saw), with a note saying the tap was cut short.
    static func recover(services: TapServices) async {
        let analysis: CallAnalysisService
        let calls: [CallRecord]
        do {
            analysis = try CallAnalysisService()
            calls = try await services.store.list(CallQuery(status: .live, limit: 500)).calls
        } catch {
            services.logger.error("cannot look for interrupted live calls: \(error)")
            return
        }
        for call in calls where !services.active.isActive(call.id) {
            let spool = services.spoolURL(callID: call.id)
            do {
                let bytes = try SpoolWriter.repair(url: spool)
                let result = try analysis.analyze(
                    audio: Data(contentsOf: spool), transcript: nil, metadataJSON: call.metadataJSON, sourceName: call.audio.name
                )
                let audio = try commit(spool: spool, bytes: bytes, name: call.audio.name, blobs: services.blobs)
                let note = String(
                    format: "the server stopped during the live tap; finalized from the %.1f s of audio received before", result.audioSeconds
                )
                try await store(id: call.id, audio: audio, report: result.report, summary: result.summary, alerts: [], note: note, services: services)
                services.logger.warning("interrupted live call finalized", metadata: ["call": "\(call.id)", "seconds": "\(result.audioSeconds)"])
            } catch {
                services.logger.error("cannot finalize interrupted live call: \(error)", metadata: ["call": "\(call.id)"])
            }
        }
    }
}

/// Runs ``TapFinalizer/recover(services:)`` once at start-up, then waits for shutdown (a service that returned
/// would stop the server).
struct TapRecoveryService: Service {
    let services: TapServices

    func run() async throws {
        await TapFinalizer.recover(services: services)
        try? await gracefulShutdown()
    }
}
