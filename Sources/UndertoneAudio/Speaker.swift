/// Who is speaking, as the report names it.
public enum Speaker: String, Sendable, Codable, Hashable, CaseIterable {
    case agent
    case customer
    /// A mono recording without a transcript: both parties on one track that cannot be told apart.
    case mixed

    /// The other party of a two-party call (`mixed` stays `mixed`).
    public var other: Speaker {
        switch self {
        case .agent: .customer
        case .customer: .agent
        case .mixed: .mixed
        }
    }
}
