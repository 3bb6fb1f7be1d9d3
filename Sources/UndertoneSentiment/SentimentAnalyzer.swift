public import UndertoneDSP
import UndertoneAudio
public import UndertoneTranscripts

/// Builds the sentiment block of a call report: fused per-turn scores, per-party arcs and turning points.
///
/// Per turn: text valence from `TextSentimentScorer`, acoustic arousal from the prosody under the turn's words
/// relative to the speaker's own baseline (`ArousalEstimator`), fused as
///
///     score = clamp(text × (1 + gain × arousal) − tilt × max(0, arousal) × (1 − |text|), −1, 1)
///
/// The first term lets arousal intensify what the words say (an agitated complaint scores lower than a calm one,
/// warm thanks higher than flat thanks) and damp it when the voice is flatter than usual. The second tilts words that
/// say little (|text| near 0) towards negative when they are said with more arousal than the speaker's norm: on a
/// service call a raised, fast voice over neutral words is far more often frustration than delight. It fades out as
/// the words become clearly positive or negative, so it never overrides what was said. See `docs/sentiment.md`.
public struct SentimentAnalyzer: Sendable {
    public let scorer: TextSentimentScorer

    public init(scorer: TextSentimentScorer) {
        self.scorer = scorer
    }

    /// An analyzer with the bundled lexicon.
    public init() throws(LexiconError) {
        self.init(scorer: try TextSentimentScorer())
    }

    /// Analyzes a call.
    /// - Parameters:
    ///   - words: the transcript's words; roles missing on any word are assigned with `RoleAssigner`.
    ///   - tracks: per-channel frame tracks (index = channel); empty for text-only analysis.
    public func analyze(words: [Word], tracks: [FrameTrack] = [], options: SentimentOptions = SentimentOptions()) -> SentimentReport {
        let words = words.contains { $0.role == nil }
            ? RoleAssigner(channels: options.channels).assign(words, tracks: tracks)
            : words
        var turns = TurnSegmenter.turns(from: words, maxGap: options.maxTurnGap).flatMap(\.languageParts)
        var texts = turns.map { scorer.score($0.text) }
        // Turns in another language get no score (a lexicon's 0 would read as "neutral"); the report notes them.
        let unscored = turns.indices.filter { !texts[$0].isScored }
        let notes = unscored.isEmpty ? nil : [
            LanguageCheck.note + ": " + unscored.map { "\(turns[$0].role.rawValue) at \(Self.clock(turns[$0].start))" }
                .joined(separator: ", ") + " not scored",
        ]
        turns = turns.indices.filter { texts[$0].isScored }.map { turns[$0] }
        texts.removeAll { !$0.isScored }
        let textScores = texts.map(\.score)
        var arousal = [Double?](repeating: nil, count: turns.count)
        if !tracks.isEmpty {
            for role in Set(turns.map(\.role)) where !options.voiceEmotionDisabled.contains(role) {
                let indices = turns.indices.filter { turns[$0].role == role }
                let features = indices.map { index in
                    ArousalEstimator.features(of: ProsodicWord.fuse(turns[index].words, tracks: tracks, channels: options.channels))
                }
                for (index, value) in zip(indices, ArousalEstimator.arousal(of: features)) { arousal[index] = value }
            }
        }
        let scored = turns.indices.map { index in
            let text = textScores[index]
            let score = arousal[index].map { arousal in
                let fused = text * (1 + options.arousalGain * arousal) - options.arousalTilt * max(0, arousal) * (1 - abs(text))
                return min(1, max(-1, fused))
            } ?? text
            return SentimentTurn(
                speaker: turns[index].role, start: turns[index].start, end: turns[index].end, text: turns[index].text,
                score: SentimentArcBuilder.rounded(score), textScore: SentimentArcBuilder.rounded(text),
                arousal: arousal[index].map(SentimentArcBuilder.rounded)
            )
        }
        let duration = max(tracks.map(\.duration).max() ?? 0, words.map(\.end).max() ?? 0)
        var arcs: [String: SentimentArc] = [:]
        for role in Speaker.allCases {
            let spans = scored.filter { $0.speaker == role }.map {
                SentimentArcBuilder.ScoredSpan(
                    start: $0.start, end: $0.end, score: $0.score, isFormula: FormulaicTurn.isFormula($0.text))
            }
            arcs[role.rawValue] = SentimentArcBuilder.arc(of: spans, duration: duration, options: options)
        }
        return SentimentReport(
            turns: scored, arcs: arcs,
            turningPoints: TurningPointFinder.turningPoints(in: scored, threshold: options.turningPointThreshold),
            voiceEmotionDisabled: Speaker.allCases.filter(options.voiceEmotionDisabled.contains), notes: notes
        )
    }

    /// m:ss, as the report's text summary writes times.
    private static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.down))
        return "\(whole / 60):" + (whole % 60 < 10 ? "0" : "") + "\(whole % 60)"
    }
}
