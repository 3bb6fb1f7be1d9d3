public import UndertoneDSP
import Foundation
public import UndertoneAudio

/// Decides which party said each word: `Word.role`.
///
/// In order of trust: an explicit label (`Agent`, `CUSTOMER`, `caller`, or the agent's or customer's name from the
/// call metadata); the word's channel through `channels`; for anonymous labels such as `spk_0`/`spk_1` (or none)
/// with stereo audio, the channel that carries more energy under each stretch of words; and without audio, the order
/// in which labels first speak (the agent usually greets first).
public struct RoleAssigner: Sendable {
    /// Which party each 0-based audio channel carries.
    public var channels: ChannelMap?
    /// Names that mark the agent or the customer when a transcript labels speakers by name.
    public var metadata: CallMetadata

    /// - Parameters:
    ///   - channels: the call's channel map (nil for mono); the recording-server default is agent left, customer right.
    ///   - metadata: names to recognise as speaker labels.
    public init(channels: ChannelMap? = .agentFirst, metadata: CallMetadata = CallMetadata()) {
        self.channels = channels
        self.metadata = metadata
    }

    /// Returns `words` with `role` set wherever it can be decided.
    /// - Parameter tracks: per-channel frame tracks of the call's audio, index = channel; pass at least two to let
    ///   energy decide turns whose labels do not name a party.
    public func assign(_ words: [Word], tracks: [FrameTrack] = []) -> [Word] {
        var words = words
        var undecided: [Int] = []
        for index in words.indices {
            if let role = explicitRole(of: words[index].speaker) ?? words[index].channel.flatMap({ channels?.speaker(onChannel: $0) }) {
                words[index].role = role
            } else {
                undecided.append(index)
            }
        }
        guard !undecided.isEmpty else { return words }
        let firstHeard = labelsInOrderOfFirstWord(undecided.map { words[$0] })
        for stretch in stretches(of: undecided, in: words) {
            let role = tracks.count >= 2
                ? louderChannel(under: stretch.map { words[$0] }, tracks: tracks).flatMap { channels?.speaker(onChannel: $0) }
                : nil
            let label = words[stretch[0]].speaker
            let fallback: Speaker? = label.isEmpty ? nil : firstHeard.firstIndex(of: label).map { $0 == 0 ? .agent : .customer }
            for index in stretch { words[index].role = role ?? (firstHeard.count <= 2 ? fallback : nil) }
        }
        return words
    }

    private static let agentLabels: Set<String> = ["agent", "rep", "representative", "advisor", "operator", "employee", "staff", "associate"]
    private static let customerLabels: Set<String> = ["customer", "caller", "client", "consumer", "member", "patient", "guest"]

    func explicitRole(of label: String) -> Speaker? {
        let label = label.trimmingCharacters(in: .whitespaces).lowercased()
        if label.isEmpty { return nil }
        if Self.agentLabels.contains(label) || label == metadata.agentName?.lowercased() { return .agent }
        if Self.customerLabels.contains(label) || label == metadata.customerName?.lowercased() { return .customer }
        return nil
    }

    private func labelsInOrderOfFirstWord(_ words: [Word]) -> [String] {
        var labels: [String] = []
        for word in words.sorted(by: { $0.start < $1.start }) where !word.speaker.isEmpty && !labels.contains(word.speaker) {
            labels.append(word.speaker)
        }
        return labels
    }

    /// One speaker label's turns (by the shared `TurnBuilder` rule), as word indices.
    private func stretches(of indices: [Int], in words: [Word]) -> [[Int]] {
        TurnBuilder.turns(of: indices.map { (words[$0].speaker, $0, words[$0].start, words[$0].end) }).map(\.items)
    }

    /// The channel whose summed frame power under the words is largest, or nil when no track covers them.
    private func louderChannel(under words: [Word], tracks: [FrameTrack]) -> Int? {
        var best: (channel: Int, power: Double)?
        for (channel, track) in tracks.enumerated() {
            var power = 0.0
            for word in words {
                for frame in track.frames(from: word.start, to: word.end) {
                    power += pow(10, Double(frame.energyDb) / 10)
                }
            }
            if power > 0, power > best?.power ?? 0 { best = (channel, power) }
        }
        return best?.channel
    }
}
