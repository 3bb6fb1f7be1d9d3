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

/// Cuts role-labelled words into turns.
public enum TurnSegmenter {
    /// The silence, in seconds, after which one party's next words start a new turn.
    public static let defaultMaxGap = 1.0

    /// The longest acknowledgement ("mm-hm", "okay", "yeah, right") that does not take the floor.
    static let backchannelWords = 2
    static let backchannelSeconds = 1.0

    /// Consecutive words (in start order) of one role form a turn; a change of role or a gap longer than `maxGap`
    /// starts the next one. A backchannel — at most two words within a second — said while the other party keeps
    /// talking (their pause around it no longer than `maxGap`) is a turn of its own but does not split the other
    /// party's turn: "I will fix [mhm] that today" stays one sentence.
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
        return joiningAcrossBackchannels(turns, maxGap: maxGap)
    }

    private static func joiningAcrossBackchannels(_ turns: [TranscriptTurn], maxGap: Double) -> [TranscriptTurn] {
        var joined: [TranscriptTurn] = []
        var index = 0
        while index < turns.count {
            var turn = turns[index]
            var backchannels: [TranscriptTurn] = []
            while index + 2 < turns.count, isBackchannel(turns[index + 1]), turns[index + 2].role == turn.role,
                  turn.role != .mixed, turns[index + 2].start - turn.end <= maxGap {
                backchannels.append(turns[index + 1])
                turn = TranscriptTurn(role: turn.role, words: turn.words + turns[index + 2].words)
                index += 2
            }
            joined.append(turn)
            joined += backchannels
            index += 1
        }
        return joined.sorted { $0.start < $1.start }
    }

    private static func isBackchannel(_ turn: TranscriptTurn) -> Bool {
        turn.words.count <= backchannelWords && turn.end - turn.start <= backchannelSeconds
    }
}
