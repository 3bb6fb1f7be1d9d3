import Foundation
import Logging
import UndertoneAnalysis

/// What every live tap shares: storage, the alert hub, the calls streaming now, the analyzer and the settings.
struct TapServices: Sendable {
    let store: any CallStore
    let blobs: BlobStore
    let hub: AlertHub
    let active: ActiveCalls
    let analyzer: CallAnalyzer
    let settings: TapSettings
    let webhook: WebhookNotifier?
    let logger: Logger
    /// `--data/live`: the spool files of calls streaming now.
    let spoolDirectory: URL

    init(store: any CallStore, blobs: BlobStore, data: URL, settings: TapSettings, webhook: WebhookNotifier?, logger: Logger) throws {
        self.store = store
        self.blobs = blobs
        hub = AlertHub()
        active = ActiveCalls()
        analyzer = try CallAnalyzer()
        self.settings = settings
        self.webhook = webhook
        self.logger = logger
        spoolDirectory = data.appendingPathComponent("live", isDirectory: true)
        try FileManager.default.createDirectory(at: spoolDirectory, withIntermediateDirectories: true)
    }

    func spoolURL(callID: String) -> URL { spoolDirectory.appendingPathComponent("\(callID).wav") }

    /// The server's alert thresholds with a call's overrides (Twilio custom parameters, AudioHook `customConfig`):
    /// `deadAirSeconds`, `longHoldSeconds`, `customerSilenceSeconds` (seconds) and `phrases` (comma-separated).
    func alertOptions(overrides: [String: String]) throws(APIError) -> LiveAlertOptions {
        var options = settings.alertOptions
        func seconds(_ name: String) throws(APIError) -> Double? {
            guard let text = overrides[name] else { return nil }
            guard let value = Double(text), value.isFinite, value > 0, value <= 3600 else {
                throw APIError(field: name, reason: "must be seconds above 0 and at most 3600, not \(text)")
            }
            return value
        }
        if let value = try seconds("deadAirSeconds") { options.conversation.deadAirSeconds = value }
        if let value = try seconds("longHoldSeconds") { options.longHoldSeconds = value }
        if let value = try seconds("customerSilenceSeconds") { options.customerSilenceSeconds = value }
        if let phrases = overrides["phrases"] {
            options.phrases += phrases.split(separator: ",").map { PhraseRule($0.trimmingCharacters(in: .whitespaces)) }
        }
        return options
    }
}
