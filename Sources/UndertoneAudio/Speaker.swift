/// A party of a call, from decoding to the report: the party a decoded track carries, who said a word, who the
/// report's figures are about.
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
