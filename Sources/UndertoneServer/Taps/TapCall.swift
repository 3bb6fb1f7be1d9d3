import Foundation
import Logging
import UndertoneAnalysis
import UndertoneAudio
import UndertoneTranscripts

/// One live call on the server: the library's ``LiveTap`` (the same code as `undertone live`) fed from one
/// connection's task, its audio spooled to disk as it arrives, its alerts published the moment they hold.
///
/// Created once the protocol says what the stream is; `finish` stores the call like an uploaded one.
struct TapCall: ~Copyable {
    let id: String
    /// Names the stored audio (`<name>.wav`) and the report's `call.source`.
    let name: String
    private var tap: LiveTap
    private let spool: SpoolWriter
    private let services: TapServices
    private var fired: [LiveAlert] = []
    private let logger: Logger

    /// Stores the call as `live` (so it is listed while it streams) and opens its spool file.
    init(
        services: TapServices, format: StreamFormat, channels: ChannelMap?, name: String, options: LiveAlertOptions,
        metadata: [String: String]
    ) async throws {
        let id = UUID().uuidString.lowercased()
        let tap = try LiveTap(format: format, channels: channels, analyzer: services.analyzer, alertOptions: options, sourceName: name)
        let spool = try SpoolWriter(url: services.spoolURL(callID: id), format: format)
        let metadataJSON = try? String(decoding: JSONSerialization.data(withJSONObject: metadata, options: .sortedKeys), as: UTF8.self)
        _ = try await services.store.createCall(NewCall(
            id: id, kind: .live, audio: StoredFile(name: "\(name).wav", sha256: "", bytes: 0), metadataJSON: metadataJSON
        ))
        services.active.begin(id)
        self.tap = tap
        self.spool = spool
        self.id = id
        self.name = name
        self.services = services
        var logger = services.logger
        logger[metadataKey: "call"] = "\(id)"
        self.logger = logger
        logger.info("live tap started", metadata: ["source": "\(name)"])
    }

    /// Seconds of audio received so far.
    var streamTime: Double { tap.streamTime }

    /// Spools and analyses the next bytes of the stream, takes any transcript words pushed meanwhile, and publishes
    /// the alerts that now hold.
    mutating func push(_ bytes: UnsafeRawBufferPointer) throws {
        try spool.write(bytes)
        publish(try tap.push(bytes))
        takeWords()
    }

    /// Spools and analyses one whole Opus packet (an Opus stream's unit).
    mutating func push(packet: UnsafeRawBufferPointer) throws {
        try spool.write(packet: packet)
        publish(try tap.push(packet: packet))
        takeWords()
    }

    private mutating func takeWords() {
        let words = services.active.take(id)
        if !words.isEmpty { receive(words) }
    }

    mutating func push(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try push($0) }
    }

    /// Adds transcript words (sent on the tap itself) and publishes what they raise.
    mutating func receive(_ words: [Word]) {
        for word in words { publish(tap.receive(word)) }
    }

    private mutating func publish(_ alerts: [LiveAlert]) {
        for alert in alerts {
            let json = AlertLine(callID: id, alert: alert).json
            services.hub.publish(callID: id, json: json)
            if let webhook = services.webhook { webhook.notifyAlert(json: json) }
            fired.append(alert)
        }
    }

    /// Ends the call: the last alerts, the report, the audio as WAV in the blob store, the call `done` in
    /// `/v1/calls` with its alerts, and the webhook told. `reason` is logged; a server shutdown is noted on the call.
    consuming func finish(reason: String) async {
        let id = id, services = services, logger = logger, name = name, spool = spool
        var fired = fired
        services.active.stopTaking(id)
        defer {
            services.active.end(id)
            services.hub.callEnded(id)
        }
        do {
            var (last, report) = try tap.finish()
            for alert in last {
                let json = AlertLine(callID: id, alert: alert).json
                services.hub.publish(callID: id, json: json)
                services.webhook?.notifyAlert(json: json)
            }
            fired += last
            report.call.source = "\(name).wav"
            let bytes = try spool.finish()
            let audio = try TapFinalizer.commit(spool: spool.url, bytes: bytes, name: "\(name).wav", blobs: services.blobs)
            let note = reason == IdleWatch.serverShutdown
                ? String(format: "the server shut down during the live tap; finalized with the %.1f s of audio received", report.call.durationSeconds)
                : nil
            try await TapFinalizer.store(
                id: id, audio: audio, report: try report.jsonData(), summary: CallAnalysisService.summary(of: report),
                alerts: fired, note: note, services: services
            )
            logger.info("live tap finalized", metadata: ["reason": "\(reason)", "seconds": "\(report.call.durationSeconds)", "alerts": "\(fired.count)"])
        } catch {
            // Left `live` with its spool: the next start-up finalizes it from the audio received.
            logger.error("cannot finalize the live call: \(error)")
        }
    }
}
