/// The best pitch path through the frames' candidates, decided with a fixed lag (bounded-lag Viterbi).
///
/// Costs are Praat's: a voiced↔unvoiced transition costs `voicedUnvoicedCost`, a jump between voiced candidates
/// `octaveJumpCost · |log2(f₁/f₂)|`. The state of frame `k − lag` is read off the best path ending at frame `k`,
/// so decisions come out `lag` frames late and the memory is `lag` frames of back-pointers.
struct PitchPath: ~Copyable {
    static let octaveJumpCost: Float = 0.35
    static let voicedUnvoicedCost: Float = 0.14

    private let capacity = 32
    private let candidates: UnsafeMutablePointer<PitchCandidates>
    /// Back-pointer (candidate index in the previous frame) per frame slot and candidate.
    private let backPointers: UnsafeMutablePointer<UInt8>
    /// Best path score ending in each candidate of the newest frame, and log2 of its frequency; the `next…`
    /// halves are scratch for the frame being added.
    private let score: UnsafeMutablePointer<Float>
    private let nextScore: UnsafeMutablePointer<Float>
    private let logFrequency: UnsafeMutablePointer<Float>
    private let nextLogFrequency: UnsafeMutablePointer<Float>
    /// Frames added so far.
    private(set) var count = 0

    init() {
        precondition(capacity > AnalysisLayout.lookaheadFrames)
        let k = PitchCandidates.capacity
        candidates = .allocate(capacity: capacity)
        candidates.initialize(repeating: PitchCandidates(), count: capacity)
        backPointers = .allocate(capacity: capacity * k)
        backPointers.initialize(repeating: 0, count: capacity * k)
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: 4 * k)
        scratch.initialize(repeating: 0, count: 4 * k)
        (score, nextScore, logFrequency, nextLogFrequency) = (scratch, scratch + k, scratch + 2 * k, scratch + 3 * k)
    }

    deinit {
        candidates.deallocate()
        backPointers.deallocate()
        score.deallocate()  // the start of the scratch block
    }

    /// Extends every path by the next frame's candidates.
    mutating func append(_ next: PitchCandidates) {
        let slot = count % capacity
        candidates[slot] = next
        let back = backPointers + slot * PitchCandidates.capacity
        for c in 0..<next.count {
            let f = next.frequency(c)
            nextLogFrequency[c] = f > 0 ? FastMath.log2(f) : 0
        }
        if count == 0 {
            for c in 0..<next.count { nextScore[c] = next.strength(c) }
        } else {
            let previous = candidates[(count - 1) % capacity]
            var top: Float = -.infinity
            for c in 0..<next.count {
                var best: Float = -.infinity, from = 0
                for p in 0..<previous.count {
                    let cost: Float
                    switch (p == 0, c == 0) {
                    case (true, true): cost = 0
                    case (false, false): cost = Self.octaveJumpCost * abs(logFrequency[p] - nextLogFrequency[c])
                    default: cost = Self.voicedUnvoicedCost
                    }
                    if score[p] - cost > best { best = score[p] - cost; from = p }
                }
                nextScore[c] = best + next.strength(c)
                back[c] = UInt8(from)
                top = max(top, nextScore[c])
            }
            // Keep scores near zero; only differences matter.
            for c in 0..<next.count { nextScore[c] -= top }
        }
        score.update(from: nextScore, count: next.count)
        logFrequency.update(from: nextLogFrequency, count: next.count)
        count += 1
    }

    /// The candidate chosen for frame `index` on the best path ending at the newest frame
    /// (`index` must be within the last `capacity` frames).
    func decision(forFrame index: Int) -> (frequency: Float, correlation: Float, bestCorrelation: Float) {
        precondition(index < count && index > count - capacity)
        let newest = candidates[(count - 1) % capacity]
        var state = 0
        for c in 1..<newest.count where score[c] > score[state] { state = c }
        var frame = count - 1
        while frame > index {
            state = Int(backPointers[(frame % capacity) * PitchCandidates.capacity + state])
            frame -= 1
        }
        let chosen = candidates[index % capacity]
        return (chosen.frequency(state), chosen.correlation(state), chosen.correlation(0))
    }
}
