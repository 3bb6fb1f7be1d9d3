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

/// Cuts role-labelled words into turns.
public enum TurnSegmenter {
    /// The silence, in seconds, after which one party's next words start a new turn.
    public static let defaultMaxGap = 1.0

    /// Consecutive words (in start order) of one role form a turn; a change of role or a gap longer than `maxGap`
    /// starts the next one.
    public static func turns(from words: [Word], maxGap: Double = defaultMaxGap) -> [TranscriptTurn] {
        var turns: [TranscriptTurn] = []
        var current: [Word] = []
        for word in words.sorted(by: { $0.start < $1.start }) {
            if let last = current.last, last.role != word.role || word.start - last.end > maxGap {
                turns.append(TranscriptTurn(role: last.role ?? .mixed, words: current))
                current = []
            }
            current.append(word)
        }
        if let last = current.last { turns.append(TranscriptTurn(role: last.role ?? .mixed, words: current)) }
        return turns
    }
}
