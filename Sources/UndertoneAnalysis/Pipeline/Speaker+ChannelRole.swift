public import UndertoneAudio

extension Speaker {
    /// The party of a decoded track.
    public init(_ role: ChannelRole) {
        switch role {
        case .agent: self = .agent
        case .customer: self = .customer
        case .mixed: self = .mixed
        }
    }
}
