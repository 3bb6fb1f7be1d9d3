import UndertoneDSP
import UndertoneTranscripts
import UndertoneAudio

/// Splits a mono track into one track per party using the transcript's word timings.
enum TranscriptAttribution {
    /// Words are widened by this much on each side when they claim frames, seconds.
    static let wordPadding = 0.1
    /// Speech frames no word covers go to the nearest word's party within this distance, in frames (0.5 s).
    static let nearestWordFrames = 50

    /// Two copies of `mixed`, each keeping speech only on the frames attributed to that party.
    static func split(_ mixed: FrameTrack, by words: [Word]) -> (agent: FrameTrack, customer: FrameTrack) {
        let count = mixed.frames.count
        // Owner per frame: 1 agent, 2 customer, 3 both, 0 nobody.
        var owner = [UInt8](repeating: 0, count: count)
        for word in words {
            let bit: UInt8
            switch word.role {
            case .agent: bit = 1
            case .customer: bit = 2
            default: continue
            }
            let lower = max(0, FrameClock.frame(at: word.start - wordPadding))
            let upper = min(count, FrameClock.frame(at: word.end + wordPadding))
            if lower < upper { for index in lower..<upper { owner[index] |= bit } }
        }
        let nearest = nearestOwner(owner)
        var agent = mixed
        var customer = mixed
        for index in 0..<count where mixed.frames[index].isSpeech {
            let who = owner[index] != 0 ? owner[index] : nearest[index]
            if who & 1 == 0 { silence(&agent.frames[index]) }
            if who & 2 == 0 { silence(&customer.frames[index]) }
        }
        return (agent, customer)
    }

    /// For every frame, the owner of the nearest owned frame within `nearestWordFrames`, or 0.
    private static func nearestOwner(_ owner: [UInt8]) -> [UInt8] {
        let count = owner.count
        var result = [UInt8](repeating: 0, count: count)
        var distance = [Int](repeating: .max, count: count)
        var last: (index: Int, owner: UInt8)?
        for index in 0..<count {
            if owner[index] != 0 { last = (index, owner[index]) }
            if let last, index - last.index <= nearestWordFrames {
                result[index] = last.owner
                distance[index] = index - last.index
            }
        }
        last = nil
        for index in stride(from: count - 1, through: 0, by: -1) {
            if owner[index] != 0 { last = (index, owner[index]) }
            if let last, last.index - index <= nearestWordFrames, last.index - index < distance[index] {
                result[index] = last.owner
            }
        }
        return result
    }

    /// The other party's voice is not speech on this party's track, nor sound the hold decision could take for hold
    /// (a voice the network ruled out on this track is tonal sound with no chance of speech).
    private static func silence(_ frame: inout Frame) {
        frame.isSpeech = false
        frame.speechProbability = 0
        frame.energyDb = Frame.silent.energyDb
    }
}
