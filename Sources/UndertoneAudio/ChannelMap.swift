/// Which channel of a recording holds the agent and which the customer.
///
/// Most recorders put the agent on channel 0 and the customer on channel 1 (``agentFirst``); Amazon Connect
/// does the opposite (``customerFirst``). Pass an explicit map to pick two channels out of a file with more. A mono
/// call has no map: its one track is ``Speaker/mixed``.
public struct ChannelMap: Sendable, Equatable, CustomStringConvertible {
    /// Zero-based index of the agent's channel.
    public var agent: Int
    /// Zero-based index of the customer's channel.
    public var customer: Int

    public init(agent: Int, customer: Int) {
        self.agent = agent
        self.customer = customer
    }

    /// Agent on channel 0, customer on channel 1: the usual recorder layout.
    public static let agentFirst = ChannelMap(agent: 0, customer: 1)
    /// Customer on channel 0, agent on channel 1: Amazon Connect call recordings.
    public static let customerFirst = ChannelMap(agent: 1, customer: 0)

    /// Parses `AGENT,CUSTOMER`, e.g. `"0,1"` or `"1,0"`; nil if malformed.
    public init?(argument: String) {
        let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, let agent = Int(parts[0].filter { $0 != " " }),
              let customer = Int(parts[1].filter { $0 != " " }),
              agent >= 0, customer >= 0, agent != customer else { return nil }
        self.init(agent: agent, customer: customer)
    }

    /// `AGENT,CUSTOMER`, the form ``init(argument:)`` parses.
    public var description: String { "\(agent),\(customer)" }

    /// The file channel that carries `speaker`; nil for ``Speaker/mixed``.
    public func channel(of speaker: Speaker) -> Int? {
        switch speaker {
        case .agent: agent
        case .customer: customer
        case .mixed: nil
        }
    }

    /// The party on file channel `channel`; nil for a channel the map does not use.
    public func speaker(onChannel channel: Int) -> Speaker? {
        channel == agent ? .agent : channel == customer ? .customer : nil
    }

    /// The file channel feeding each output track, and the track's role.
    ///
    /// With no explicit map, a mono file is one ``Speaker/mixed`` track, a stereo file uses ``agentFirst``,
    /// and a file with more channels is an error that says how to pick two.
    static func tracks(
        for channels: Int, map: ChannelMap?, source: String
    ) throws(AudioError) -> [(channel: Int, role: Speaker)] {
        guard let map else {
            switch channels {
            case 1: return [(0, .mixed)]
            case 2: return try tracks(for: channels, map: .agentFirst, source: source)
            default:
                throw AudioError(.tooManyChannels, source: source, reason: "has \(channels) channels; give a channel "
                    + "map AGENT,CUSTOMER (e.g. 0,1) to pick two")
            }
        }
        guard map.agent != map.customer else {
            throw AudioError(.invalidParameter, source: source, reason: "agent and customer cannot both be channel "
                + "\(map.agent)")
        }
        for index in [map.agent, map.customer] where !(0..<channels).contains(index) {
            throw AudioError(.invalidParameter, source: source, reason: "has \(channels) channel"
                + (channels == 1 ? "" : "s") + "; channel \(index) does not exist (channels count from 0)")
        }
        return [(map.agent, .agent), (map.customer, .customer)]
    }
}
