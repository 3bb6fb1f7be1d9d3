import UndertoneAudio

/// Finds where a party's sentiment moves, and what the other party said just before.
enum TurningPointFinder {
    /// A turning point is a turn whose score differs from the same party's previous turn by at least `threshold`.
    /// Its trigger is the other party's latest turn that started before it (after the party's previous turn began).
    static func turningPoints(in turns: [SentimentTurn], threshold: Double) -> [TurningPoint] {
        var points: [TurningPoint] = []
        var previous: [Speaker: SentimentTurn] = [:]
        for (index, turn) in turns.enumerated() {
            defer { previous[turn.speaker] = turn }
            guard turn.speaker != .mixed, let before = previous[turn.speaker], abs(turn.score - before.score) >= threshold
            else { continue }
            let trigger = turns[..<index].last { $0.speaker == turn.speaker.other && $0.start >= before.start }
            points.append(TurningPoint(
                time: turn.start, speaker: turn.speaker, from: before.score, to: turn.score,
                trigger: trigger.map { Trigger(speaker: $0.speaker, start: $0.start, end: $0.end, text: $0.text) }
            ))
        }
        return points
    }
}
