import Foundation
import UndertoneDSP

/// The level of each 10 ms block of raw samples of each track, for the last couple of seconds: what the live
/// session knows about audio the frame analyzers have not decided yet.
struct RawLevelRing {
    /// Blocks kept: the analyzers' lookahead plus a second of decided silence to compare with, with room to spare.
    static let capacity = 256
    /// Decided silence compared with the undecided tail, in blocks.
    static let baselineBlocks = 100
    /// How far above the silence's loudest block a tail block may be and still be silence, dB.
    static let marginDb: Float = 5
    /// Seconds after a frame's instant that its analysis window still reaches.
    static let windowReach = Double(ChannelAnalyzer.windowLookaheadSamples) / Double(FrameClock.sampleRate)

    private var levels: [[Float]]
    private var sums: [Float]
    private var samplesInBlock = 0
    /// Complete blocks so far; block `k` covers `[k, k + 1) × FrameClock.hop` seconds.
    private var completed = 0

    init(tracks: Int) {
        levels = [[Float]](repeating: [Float](repeating: -120, count: Self.capacity), count: tracks)
        sums = [Float](repeating: 0, count: tracks)
    }

    /// Adds each track's next samples (equal lengths; a longer track's extra samples are not counted).
    mutating func add(_ tracks: [[Float]]) {
        guard let count = tracks.map(\.count).min() else { return }
        for index in 0..<count {
            for track in tracks.indices {
                let sample = tracks[track][index]
                sums[track] += sample * sample
            }
            samplesInBlock += 1
            if samplesInBlock == FrameClock.hopSamples {
                for track in sums.indices {
                    levels[track][completed % Self.capacity] = 10 * log10f(sums[track] / Float(FrameClock.hopSamples) + 1e-12)
                    sums[track] = 0
                }
                samplesInBlock = 0
                completed += 1
            }
        }
    }

    /// The end of the raw audio that is still silence, when every block past the frames decided up to
    /// `decidedUntil` stays within `marginDb` of the loudest block of the decided silence's last second; nil when
    /// something louder started or there is too little to compare.
    func quietUntil(decidedUntil: Double, silenceStart: Double) -> Double? {
        let firstTail = Int(((decidedUntil + Self.windowReach) / FrameClock.hop).rounded(.up))
        let firstBaseline = max(Int((silenceStart / FrameClock.hop).rounded(.up)), firstTail - Self.baselineBlocks)
        guard firstTail - firstBaseline >= Self.baselineBlocks / 5, completed - firstBaseline <= Self.capacity,
              firstTail <= completed else { return nil }
        for track in levels.indices {
            var baseline: Float = -120
            for block in firstBaseline..<firstTail { baseline = max(baseline, levels[track][block % Self.capacity]) }
            for block in firstTail..<completed where levels[track][block % Self.capacity] > baseline + Self.marginDb {
                return nil
            }
        }
        return Double(completed) * FrameClock.hop
    }
}
