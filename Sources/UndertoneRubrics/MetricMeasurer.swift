import UndertoneAudio
import UndertoneTranscripts
import UndertoneConversation
import UndertoneSentiment

/// A figure measured for a metric condition, with the stretches it came from.
struct Measurement: Sendable {
    var value: Double
    var evidence: [Evidence]
    /// Set when the figure was estimated from word timings because the conversation layer's results were missing.
    var estimated: Bool = false
}

/// Measures the analysis figures rubric metrics test, restricted to a window of the call.
struct MetricMeasurer {
    let context: RubricContext

    /// The measurement, or the reason it cannot be made for this call (the criterion is then N/A).
    func measure(_ metric: Metric, speaker: Speaker?, in range: ClosedRange<Double>) -> Result<Measurement, Unavailable> {
        switch metric {
        case .deadAirCount, .longestDeadAir, .deadAirSeconds:
            let (pauses, estimated) = deadAir(in: range)
            return .success(summarise(pauses, metric: metric, estimated: estimated))
        case .holdCount, .longestHold, .holdSeconds:
            guard let conversation = context.conversation else { return .failure(.init(input: "the conversation analysis")) }
            let holds = conversation.pauses.filter { $0.kind == .hold }.compactMap { clip($0, to: range) }
            return .success(summarise(holds, metric: metric, estimated: false))
        case .interruptions:
            guard let conversation = context.conversation else { return .failure(.init(input: "the conversation analysis")) }
            let found = conversation.overlaps.filter {
                $0.kind == .interruption && range.contains($0.start) && (speaker == nil || $0.interrupter == speaker)
            }
            return .success(Measurement(
                value: Double(found.count),
                evidence: found.map { Evidence(start: $0.start, end: $0.end, speaker: $0.interrupter, text: "\($0.interrupter.rawValue) interrupts") }))
        case .talkRatio:
            return talkRatio(of: speaker ?? .agent, in: range)
        case .wordsPerMinute:
            return wordsPerMinute(of: speaker ?? .agent, in: range)
        case .sentimentChange:
            return sentimentChange(of: speaker ?? .customer, in: range)
        case .loudness, .peakLoudness:
            let party = speaker ?? .agent
            guard let seconds = context.loudness[party] else { return .failure(.init(input: "\(party.rawValue) loudness")) }
            let values = seconds.indices.filter { range.contains(Double($0)) && seconds[$0] > 0 }.map { seconds[$0] }
            guard !values.isEmpty else { return .failure(.init(input: "\(party.rawValue) speech in the window")) }
            let value = metric == .loudness ? values.reduce(0, +) / Double(values.count) : values.max()!
            return .success(Measurement(value: value, evidence: []))
        }
    }

    /// What a metric needed and did not get.
    struct Unavailable: Error {
        var input: String
    }

    // MARK: silence

    func deadAir(in range: ClosedRange<Double>) -> (pauses: [Pause], estimated: Bool) {
        if let conversation = context.conversation {
            return (conversation.pauses.filter { $0.kind == .deadAir }.compactMap { clip($0, to: range) }, false)
        }
        // Estimated: every stretch without a word, from the call start to its end, at least the dead-air threshold.
        let words = context.words
        var silences: [Pause] = []
        var cursor = 0.0
        var last: Turn?
        for turn in context.turns + [Turn(role: nil, words: [], start: context.duration, end: context.duration)] {
            if turn.start - cursor >= context.deadAirThreshold {
                let said = last.map { $0.words.map { words[$0].text }.joined(separator: " ") }
                silences.append(Pause(kind: .deadAir, start: cursor, end: turn.start, after: last?.role, afterText: said))
            }
            if turn.end >= cursor {
                cursor = turn.end
                last = turn
            }
        }
        return (silences.compactMap { clip($0, to: range) }, true)
    }

    private func clip(_ pause: Pause, to range: ClosedRange<Double>) -> Pause? {
        let start = max(pause.start, range.lowerBound)
        let end = min(pause.end, range.upperBound)
        guard end > start else { return nil }
        var clipped = pause
        clipped.start = start
        clipped.end = end
        return clipped
    }

    private func summarise(_ pauses: [Pause], metric: Metric, estimated: Bool) -> Measurement {
        let durations = pauses.map { $0.end - $0.start }
        let value: Double = switch metric {
        case .deadAirCount, .holdCount: Double(pauses.count)
        case .longestDeadAir, .longestHold: durations.max() ?? 0
        default: durations.reduce(0, +)
        }
        let evidence = pauses.map { pause in
            let after = pause.after.map { who in " after \(who.rawValue)" + (pause.afterText.map { " said '\($0)'" } ?? "") } ?? ""
            let what = pause.kind == .hold ? "hold" : "silence"
            return Evidence(start: pause.start, end: pause.end, speaker: nil, text: "\(ClockTime.duration(pause.end - pause.start)) \(what)\(after)")
        }
        return Measurement(value: value, evidence: evidence, estimated: estimated)
    }

    // MARK: talk

    private func talkRatio(of party: Speaker, in range: ClosedRange<Double>) -> Result<Measurement, Unavailable> {
        var talk: [Speaker: Double] = [:]
        let estimated = context.conversation == nil
        if let conversation = context.conversation {
            for segment in conversation.speech {
                talk[segment.speaker, default: 0] += max(0, min(segment.end, range.upperBound) - max(segment.start, range.lowerBound))
            }
        } else {
            for word in context.words {
                guard let role = word.role else { continue }
                talk[role, default: 0] += max(0, min(word.end, range.upperBound) - max(word.start, range.lowerBound))
            }
        }
        let total = (talk[.agent] ?? 0) + (talk[.customer] ?? 0)
        guard total > 0 else { return .failure(.init(input: "speech in the window")) }
        return .success(Measurement(value: (talk[party] ?? 0) / total, evidence: [], estimated: estimated))
    }

    private func wordsPerMinute(of party: Speaker, in range: ClosedRange<Double>) -> Result<Measurement, Unavailable> {
        let indices = context.words.indices.filter { context.words[$0].role == party && range.contains(context.words[$0].start) }
        let turns = Turn.build(indices, of: context.words)
        let seconds = turns.reduce(0) { $0 + ($1.end - $1.start) }
        guard seconds > 0 else { return .failure(.init(input: "\(party.rawValue) speech in the window")) }
        return .success(Measurement(value: Double(indices.count) / seconds * 60, evidence: []))
    }

    /// Mean score of the party's last quarter of turns in the window minus that of its first quarter.
    private func sentimentChange(of party: Speaker, in range: ClosedRange<Double>) -> Result<Measurement, Unavailable> {
        guard let sentiment = context.sentiment else { return .failure(.init(input: "the sentiment analysis")) }
        let turns = sentiment.turns.filter { $0.speaker == party && range.contains($0.start) }.sorted { $0.start < $1.start }
        guard turns.count >= 2 else { return .failure(.init(input: "two \(party.rawValue) turns with sentiment")) }
        let share = max(1, turns.count / 4)
        let first = turns.prefix(share)
        let last = turns.suffix(share)
        func mean(_ slice: ArraySlice<SentimentTurn>) -> Double { slice.reduce(0) { $0 + $1.score } / Double(slice.count) }
        let evidence = [first.first!, last.last!].map { Evidence(start: $0.start, end: $0.end, speaker: party, text: $0.text) }
        return .success(Measurement(value: mean(last) - mean(first), evidence: evidence))
    }
}
