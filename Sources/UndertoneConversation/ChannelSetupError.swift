public import UndertoneAudio

/// The parties given for a call's channels cannot be tracked: one line saying why.
public struct ChannelSetupError: UndertoneError, Equatable {
    public let speakers: [Speaker]
    public var input: UndertoneInput { .options }
    public var problem: UndertoneProblem { .invalidParameter }

    public var description: String {
        let names = speakers.map(\.rawValue).joined(separator: ",")
        return "conversation tracking needs one or two channels with distinct parties, got [\(names)]"
    }

    /// Throws unless `speakers` names one or two distinct parties.
    static func validate(_ speakers: [Speaker]) throws(ChannelSetupError) {
        guard (1...2).contains(speakers.count), Set(speakers).count == speakers.count else {
            throw ChannelSetupError(speakers: speakers)
        }
    }
}
