import Foundation
public import UndertoneAnalysis

/// How the live taps behave, from `serve`'s options.
public struct TapSettings: Sendable {
    /// Twilio account auth token: when set, `X-Twilio-Signature` on `/v1/taps/twilio` is verified with it.
    public var twilioAuthToken: String?
    /// The public `wss://…` base URL Twilio is told (its signature covers the URL as written in TwiML); default:
    /// `ws://` + the request's Host.
    public var publicURL: String?
    /// AudioHook client secret (base64, as in the Genesys integration): when set, the HTTP message signature is
    /// required and verified.
    public var audioHookClientSecret: String?
    /// A tap that receives no audio for this long is ended and finalized.
    public var idleTimeout: Duration = .seconds(30)
    /// The server's alert thresholds; a call may override some (custom or open parameters).
    public var alertOptions = LiveAlertOptions()

    public init() {}
}
