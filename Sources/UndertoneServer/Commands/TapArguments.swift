import ArgumentParser
import Foundation

/// `serve`'s live-tap options.
struct TapArguments: ParsableArguments {
    @Option(help: "Twilio auth token: verify X-Twilio-Signature on /v1/taps/twilio (default: $TWILIO_AUTH_TOKEN).")
    var twilioAuthToken: String?

    @Option(help: "The public wss:// base URL Twilio streams to, as written in the TwiML (the signature covers it).")
    var publicUrl: String?

    @Option(help: "AudioHook client secret (base64): require and verify the HTTP message signature (default: $AUDIOHOOK_CLIENT_SECRET).")
    var audiohookClientSecret: String?

    @Option(help: "End and store a live call after this many seconds without a frame.")
    var tapIdleSeconds: Int = 30

    func validate() throws {
        guard tapIdleSeconds >= 1 else { throw ValidationError("--tap-idle-seconds must be at least 1") }
        if let secret = audiohookClientSecret ?? environment("AUDIOHOOK_CLIENT_SECRET"), Data(base64Encoded: secret) == nil {
            throw ValidationError("--audiohook-client-secret must be base64, as Genesys shows it")
        }
    }

    var settings: TapSettings {
        var settings = TapSettings()
        settings.twilioAuthToken = twilioAuthToken ?? environment("TWILIO_AUTH_TOKEN")
        settings.publicURL = publicUrl
        settings.audioHookClientSecret = audiohookClientSecret ?? environment("AUDIOHOOK_CLIENT_SECRET")
        settings.idleTimeout = .seconds(tapIdleSeconds)
        return settings
    }

    private func environment(_ name: String) -> String? { ProcessInfo.processInfo.environment[name] }
}
