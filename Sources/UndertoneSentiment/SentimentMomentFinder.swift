public import UndertoneAudio
import UndertoneTranscripts

/// A change in a party's sentiment worth replaying: large, sustained, and (unless `carriedByWords` is false)
/// carried by what was said.
public struct SentimentMoment: Sendable, Equatable {
    public var speaker: Speaker
    /// Start of the first turn at the new level.
    public var start: Double
    /// End of the last turn that holds the new level.
    public var end: Double
    /// The party's level before (mean of up to two earlier turns) and after (the turns that hold the change).
    public var from: Double
    public var to: Double
    /// False when only the fused score (the voice) moved; the words did not.
    public var carriedByWords: Bool
    /// What the other party said just before, if anything.
    public var trigger: Trigger?
}

extension SentimentTurn {
    /// A turn scored from its words alone (as the live engine scores them), rounded as the report rounds.
    public static func textOnly(speaker: Speaker, start: Double, end: Double, text: String, score: Double) -> SentimentTurn {
        let rounded = SentimentArcBuilder.rounded(score)
        return SentimentTurn(speaker: speaker, start: start, end: end, text: text, score: rounded, textScore: rounded, arousal: nil)
    }
}

/// Finds the sentiment moments of a call in its scored turns.
///
/// A party's backchannels ("okay", "mhm") are left out: they neither set a level nor change it. Greeting and closing
/// formulas (`FormulaicTurn`) may set the level a change starts from ("Yes, this is Sam." before a complaint) but are
/// never the change nor its confirmation. A turn whose words carry no sentiment (text score 0: "Version four point
/// two, I think.") sets a level but is no change by its words: a plain answer after a complaint is not a recovery, only
/// its voice can make it a moment. Turn i of a party is a moment when, with b the mean of the party's two
/// turns before it and T `minimumChange`,
/// - it jumps: |sᵢ − sᵢ₋₁| ≥ T, in direction d, and moves off the earlier level: d·(sᵢ − b) ≥ T;
/// - the new level holds: the party's next turn lies at least T from b in direction d (it may settle back part of
///   the way: "Oh thank goodness!" then "That's very kind of you"), or turn i itself lasts `sustainedSeconds`;
/// - the other party's last words before it were not a backchannel or a formula (a drop after "Bye now" is the end of
///   the call, not a mood).
/// The rule runs on text scores first (`carriedByWords`); when only the fused scores pass it, the voice alone moved.
/// An agent's moments are falls to a negative level only: an agent turning cheerful is their job, not a moment; and an
/// agent who apologises or names the customer's feeling ("I'm so sorry", "I understand", "I'm afraid…") is
/// delivering bad news, not turning on the customer.
/// A change whose trigger is itself a moment of the other party is left out: it is that moment's consequence.
public enum SentimentMomentFinder {
    public struct Rules: Sendable {
        public var minimumChange = 0.5
        public var sustainedSeconds = 5.0
        /// An agent's new level must be at or below this.
        public var agentNegativeLevel = -0.2

        public init() {}
    }

    /// - Parameter final: false while a call is live: a party's latest turn is then not judged yet (the turn after it
    ///   decides whether its change holds), so a moment, once reported, is the one the finished call reports.
    public static func moments(in report: SentimentReport, rules: Rules = Rules(), final: Bool = true) -> [SentimentMoment] {
        var moments: [SentimentMoment] = []
        for speaker in [Speaker.agent, .customer] {
            let own = report.turns.filter { $0.speaker == speaker && !FormulaicTurn.isBackchannel($0.text) }
            let formula = own.map { FormulaicTurn.isFormula($0.text) }
            for index in own.indices.dropFirst() where !formula[index] {
                if speaker == .agent, isSoftened(own[index].text) { continue }
                let trigger = report.turns.last {
                    $0.speaker == speaker.other && $0.start >= own[index - 1].start && $0.start < own[index].start
                }
                if let trigger, FormulaicTurn.isFiller(trigger.text) { continue }
                let next = own.indices.first { $0 > index && !formula[$0] }
                if !final, next == nil { continue }
                // Live, a trigger that is the other party's latest turn may yet become their moment (judged at their
                // next turn), which would make this one its consequence: wait for it.
                if !final, let trigger, !report.turns.contains(where: { $0.speaker == trigger.speaker && $0.start > trigger.start }) {
                    continue
                }
                func change(_ scores: [Double]) -> (from: Double, to: Double, end: Double)? {
                    level(scores, own, at: index, next: next, speaker: speaker, rules: rules)
                }
                let plainWords = own[index].textScore == 0
                let byWords = plainWords ? nil : change(own.map(\.textScore))
                let byVoice = plainWords && own[index].score == 0 ? nil : change(own.map(\.score))
                let found = byWords.map { ($0, true) } ?? byVoice.map { ($0, false) }
                guard let ((from, to, end), words) = found else { continue }
                moments.append(SentimentMoment(
                    speaker: speaker, start: own[index].start, end: end, from: from, to: to, carriedByWords: words,
                    trigger: trigger.map { Trigger(speaker: $0.speaker, start: $0.start, end: $0.end, text: $0.text) }
                ))
            }
        }
        // A change set off by the other party's own moment is that moment's consequence, not a second event: the
        // customer's fall after an agent's rude line is replayed with the agent's moment, whose span runs to the
        // agent's next turn and so covers the reaction.
        let causes = Set(moments.map { CauseKey(speaker: $0.speaker, start: $0.start) })
        return moments
            .filter { moment in
                guard let trigger = moment.trigger else { return true }
                return !causes.contains(CauseKey(speaker: trigger.speaker, start: trigger.start))
            }
            .sorted { $0.start < $1.start }
    }

    static func isSoftened(_ text: String) -> Bool {
        let tokens = TranscriptText.tokens(text)
        return tokens.contains { softeners.contains($0) }
            || zip(tokens, tokens.dropFirst()).contains { $0 == "i" && ["understand", "hear"].contains($1) }
    }

    static let softeners: Set<String> = ["sorry", "apologise", "apologize", "apologies", "afraid"]

    private struct CauseKey: Hashable {
        var speaker: Speaker
        var start: Double
    }

    /// The levels before and after, and the end of the change, when `scores` change at `index` by the rule.
    private static func level(
        _ scores: [Double], _ turns: [SentimentTurn], at index: Int, next: Int?, speaker: Speaker, rules: Rules
    ) -> (from: Double, to: Double, end: Double)? {
        let jump = scores[index] - scores[index - 1]
        guard abs(jump) >= rules.minimumChange else { return nil }
        let direction = jump > 0 ? 1.0 : -1.0
        let earlier = scores[max(0, index - 2)..<index]
        let before = earlier.reduce(0, +) / Double(earlier.count)
        guard direction * (scores[index] - before) >= rules.minimumChange else { return nil }
        let after: (to: Double, end: Double)
        if let next, direction * (scores[next] - before) >= rules.minimumChange {
            after = ((scores[index] + scores[next]) / 2, turns[next].end)
        } else if turns[index].end - turns[index].start >= rules.sustainedSeconds {
            after = (scores[index], turns[index].end)
        } else {
            return nil
        }
        if speaker == .agent, direction > 0 || after.to > rules.agentNegativeLevel { return nil }
        return (SentimentArcBuilder.rounded(before), SentimentArcBuilder.rounded(after.to), after.end)
    }
}
