public import UndertoneAudio

/// One party's uninterrupted stretch of words.
public struct TranscriptTurn: Sendable, Equatable {
    /// The party, `mixed` when the words have no role.
    public var role: Speaker
    public var start: Double
    public var end: Double
    /// The words, in time order.
    public var words: [Word]

    public init(role: Speaker, words: [Word]) {
        self.role = role
        self.words = words
        self.start = words.first?.start ?? 0
        self.end = words.map(\.end).max() ?? start
    }

    /// The words joined by spaces.
    public var text: String { words.map(\.text).joined(separator: " ") }
}

/// Cuts role-labelled words into turns with `TurnBuilder`, the rule every layer shares (sentiment, rubrics, role
/// assignment, live alerts).
public enum TurnSegmenter {
    /// The silence, in seconds, after which one party's next words start a new turn.
    public static let defaultMaxGap = 1.0
    /// The most words one turn holds (a monologue without a second's pause is cut here, live and batch alike).
    public static let maximumWords = 120

    /// Each party's words with no silence over `maxGap` form a turn; the other party's words in between (a
    /// backchannel, talk over the speaker) do not split it. Words without a role are the `mixed` party.
    public static func turns(from words: [Word], maxGap: Double = defaultMaxGap) -> [TranscriptTurn] {
        TurnBuilder.turns(of: words.map { ($0.role ?? .mixed, $0, $0.start, $0.end) }, maxGap: maxGap)
            .map { TranscriptTurn(role: $0.party, words: $0.items) }
    }
}
