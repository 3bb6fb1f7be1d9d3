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
    private var score: (Float, Float, Float, Float, Float, Float) = (0, 0, 0, 0, 0, 0)
    private var logFrequency: (Float, Float, Float, Float, Float, Float) = (0, 0, 0, 0, 0, 0)
    /// Frames added so far.
    private(set) var count = 0

    init() {
        precondition(capacity > AnalysisLayout.lookaheadFrames)
        candidates = .allocate(capacity: capacity)
        candidates.initialize(repeating: PitchCandidates(), count: capacity)
        backPointers = .allocate(capacity: capacity * PitchCandidates.capacity)
        backPointers.initialize(repeating: 0, count: capacity * PitchCandidates.capacity)
    }

    deinit {
        candidates.deallocate()
        backPointers.deallocate()
    }

    /// Extends every path by the next frame's candidates.
    mutating func append(_ next: PitchCandidates) {
        let slot = count % capacity
        candidates[slot] = next
        var newScore: (Float, Float, Float, Float, Float, Float) = (0, 0, 0, 0, 0, 0)
        var newLog: (Float, Float, Float, Float, Float, Float) = (0, 0, 0, 0, 0, 0)
        let back = backPointers + slot * PitchCandidates.capacity
        withUnsafeMutableBytes(of: &newScore) { newScoreBytes in
            withUnsafeMutableBytes(of: &newLog) { newLogBytes in
                let ns = newScoreBytes.baseAddress!.assumingMemoryBound(to: Float.self)
                let nl = newLogBytes.baseAddress!.assumingMemoryBound(to: Float.self)
                for c in 0..<next.count {
                    let f = next.frequency(c)
                    nl[c] = f > 0 ? FastMath.log2(f) : 0
                }
                guard count > 0 else {
                    for c in 0..<next.count { ns[c] = next.strength(c) }
                    return
                }
                let previous = candidates[(count - 1) % capacity]
                withUnsafeBytes(of: score) { scoreBytes in
                    withUnsafeBytes(of: logFrequency) { logBytes in
                        let ps = scoreBytes.baseAddress!.assumingMemoryBound(to: Float.self)
                        let pl = logBytes.baseAddress!.assumingMemoryBound(to: Float.self)
                        var top: Float = -.infinity
                        for c in 0..<next.count {
                            var best: Float = -.infinity, from = 0
                            for p in 0..<previous.count {
                                let cost: Float
                                switch (p == 0, c == 0) {
                                case (true, true): cost = 0
                                case (false, false): cost = Self.octaveJumpCost * abs(pl[p] - nl[c])
                                default: cost = Self.voicedUnvoicedCost
                                }
                                let candidate = ps[p] - cost
                                if candidate > best { best = candidate; from = p }
                            }
                            ns[c] = best + next.strength(c)
                            back[c] = UInt8(from)
                            top = max(top, ns[c])
                        }
                        // Keep scores near zero; only differences matter.
                        for c in 0..<next.count { ns[c] -= top }
                    }
                }
            }
        }
        score = newScore
        logFrequency = newLog
        count += 1
    }

    /// The candidate chosen for frame `index` on the best path ending at the newest frame
    /// (`index` must be within the last `capacity` frames).
    func decision(forFrame index: Int) -> (frequency: Float, correlation: Float, bestCorrelation: Float) {
        precondition(index < count && index > count - capacity)
        let newest = candidates[(count - 1) % capacity]
        var state = 0
        withUnsafeBytes(of: score) { bytes in
            let s = bytes.baseAddress!.assumingMemoryBound(to: Float.self)
            for c in 1..<newest.count where s[c] > s[state] { state = c }
        }
        var frame = count - 1
        while frame > index {
            state = Int(backPointers[(frame % capacity) * PitchCandidates.capacity + state])
            frame -= 1
        }
        let chosen = candidates[index % capacity]
        return (chosen.frequency(state), chosen.correlation(state), chosen.correlation(0))
    }
}
