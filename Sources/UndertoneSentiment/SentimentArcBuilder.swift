/// Turns one party's scored turns into an arc: a smoothed score every `step` seconds, quarter means and a shape.
///
/// Between turns a party's mood is taken to persist: the score at time t is that of the party's latest turn starting
/// at or before t (before the first turn, the first turn's). Arc points average that held score over a centred
/// window of `2 × radius + 1` points. Quarters split the party's turns, in order and each counted once whatever its
/// length (a short first "Hi" weighs as much as a long complaint), into four equal parts, turns cut at the quarter
/// boundaries counting by the share that falls in each; backchannels ("okay", "mhm") are left out of them. The shape
/// rule is `shape(quarters:threshold:)`.
enum SentimentArcBuilder {
    struct ScoredSpan {
        var start: Double
        var end: Double
        var score: Double
        var isBackchannel = false
    }

    static func arc(of turns: [ScoredSpan], duration: Double, options: SentimentOptions) -> SentimentArc? {
        guard let last = turns.last else { return nil }
        let step = options.arcStep
        let count = Int((max(duration, last.end) / step).rounded(.down)) + 1
        let held = (0..<count).map { heldScore(at: Double($0) * step, turns: turns) }
        let radius = options.arcSmoothingRadius
        let points = held.indices.map { index in
            let window = held[max(0, index - radius)...min(held.count - 1, index + radius)]
            return window.reduce(0, +) / Double(window.count)
        }
        let counted = turns.contains { !$0.isBackchannel } ? turns.filter { !$0.isBackchannel } : turns
        let quarters = (0..<4).map { quarter in
            // Turn k covers [k, k + 1) of the index axis; the quarter covers [q·n/4, (q + 1)·n/4).
            let length = Double(counted.count) / 4
            let from = Double(quarter) * length, to = from + length
            let sum = counted.indices.reduce(0.0) { sum, k in
                sum + counted[k].score * max(0, min(to, Double(k + 1)) - max(from, Double(k)))
            }
            return sum / length
        }
        return SentimentArc(
            shape: shape(quarters: quarters, threshold: options.shapeThreshold), step: step,
            points: points.map(rounded), quarters: quarters.map(rounded)
        )
    }

    /// The shape of an arc from its quarter means q0…q3 and a threshold d:
    /// - `dipAndRecover` when the lower middle quarter lies at least d below both end quarters (and dips further than
    ///   any spike rises);
    /// - `spikeAndDrop` when the higher middle quarter lies at least d above both end quarters;
    /// - otherwise `rising` when q3 − q0 ≥ d, `falling` when q3 − q0 ≤ −d, and `flat` when neither.
    static func shape(quarters q: [Double], threshold d: Double) -> ArcShape {
        let dip = min(q[0], q[3]) - min(q[1], q[2])
        let spike = max(q[1], q[2]) - max(q[0], q[3])
        if dip >= d, dip >= spike { return .dipAndRecover }
        if spike >= d { return .spikeAndDrop }
        if q[3] - q[0] >= d { return .rising }
        if q[3] - q[0] <= -d { return .falling }
        return .flat
    }

    static func heldScore(at time: Double, turns: [ScoredSpan]) -> Double {
        turns.last { $0.start <= time }?.score ?? turns[0].score
    }

    /// Three decimals; `+ 0` turns −0 into 0 so reports never print "-0".
    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 + 0 }
}
