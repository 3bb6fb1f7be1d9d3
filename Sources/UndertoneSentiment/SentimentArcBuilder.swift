/// Turns one party's scored turns into an arc: a smoothed score every `step` seconds, quarter means and a shape.
///
/// Between turns a party's mood is taken to persist: the score at time t is that of the party's latest turn starting
/// at or before t (before the first turn, the first turn's). Arc points average that held score over a centred
/// window of `2 × radius + 1` points. Quarters split the party's own span (first word to last word) into four equal
/// parts and average the held score over each, sampled every 0.1 s; greeting and closing formulas ("Hi Sara, good
/// morning!", "You too, bye.") are left out of them, as they are politeness, not mood. The shape rule is
/// `shape(quarters:threshold:)`; a dip or spike must also be sustained (`isSustained`).
enum SentimentArcBuilder {
    struct ScoredSpan {
        var start: Double
        var end: Double
        var score: Double
        var isFormula = false
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
        let counted = turns.contains { !$0.isFormula } ? turns.filter { !$0.isFormula } : turns
        let first = counted[0].start
        let span = max(counted[counted.count - 1].end - first, 0.4)
        let quarters = (0..<4).map { quarter in
            let from = first + span * Double(quarter) / 4
            let samples = (0..<max(1, Int(span / 4 / 0.1))).map { heldScore(at: from + Double($0) * 0.1, turns: counted) }
            return samples.reduce(0, +) / Double(samples.count)
        }
        var shape = shape(quarters: quarters, threshold: options.shapeThreshold)
        if shape == .dipAndRecover || shape == .spikeAndDrop,
           !isSustained(shape, quarters: quarters, turns: counted, middle: first + span / 4..<first + span * 3 / 4) {
            shape = trend(quarters: quarters, threshold: options.shapeThreshold)
        }
        return SentimentArc(
            shape: shape, step: step,
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
        return trend(quarters: q, threshold: d)
    }

    static func trend(quarters q: [Double], threshold d: Double) -> ArcShape {
        if q[3] - q[0] >= d { return .rising }
        if q[3] - q[0] <= -d { return .falling }
        return .flat
    }

    /// Whether a dip or spike is carried by at least two turns held during the `middle` quarters and lying beyond
    /// both end quarters, or by such turns lasting `outburstSeconds` together. One exclamation ("Ugh, fees.") held
    /// over the other party's reply can fill a quarter, but it is an outburst, not the shape of the call.
    static func isSustained(_ shape: ArcShape, quarters q: [Double], turns: [ScoredSpan], middle: Range<Double>) -> Bool {
        let beyond = turns.indices.filter { index in
            let heldUntil = index + 1 < turns.count ? turns[index + 1].start : turns[index].end
            let score = turns[index].score
            return turns[index].start < middle.upperBound && heldUntil > middle.lowerBound
                && (shape == .dipAndRecover ? score < min(q[0], q[3]) : score > max(q[0], q[3]))
        }.map { turns[$0] }
        return beyond.count >= 2 || beyond.reduce(0) { $0 + $1.end - $1.start } >= outburstSeconds
    }

    /// Speech shorter than this, about five words, is an exclamation.
    static let outburstSeconds = 2.0

    static func heldScore(at time: Double, turns: [ScoredSpan]) -> Double {
        turns.last { $0.start <= time }?.score ?? turns[0].score
    }

    /// Three decimals; `+ 0` turns −0 into 0 so reports never print "-0".
    static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 + 0 }
}
