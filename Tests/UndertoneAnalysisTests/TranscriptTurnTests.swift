import Testing
@testable import UndertoneAnalysis
@testable import UndertoneConversation
@testable import UndertoneRubrics
@testable import UndertoneSentiment
@testable import UndertoneTranscripts

@Suite struct TranscriptTurnTests {
    static func word(_ role: Speaker, _ text: String, _ start: Double, _ end: Double) -> Word {
        Word(speaker: role.rawValue, start: start, end: end, text: text, role: role)
    }

    @Test func aBackchannelDoesNotSplitTheOtherPartysTurn() {
        let words = [
            Self.word(.agent, "I", 1.0, 1.1), Self.word(.agent, "will", 1.2, 1.4), Self.word(.agent, "fix", 1.5, 1.8),
            Self.word(.customer, "mhm", 1.9, 2.3),
            Self.word(.agent, "that", 2.2, 2.4), Self.word(.agent, "today.", 2.5, 2.9),
        ]
        let turns = TurnSegmenter.turns(from: words)
        #expect(turns.map(\.text) == ["I will fix that today.", "mhm"])
        #expect(turns.map(\.role) == [.agent, .customer])
    }

    @Test func aRealAnswerStillEndsTheTurn() {
        let words = [
            Self.word(.agent, "Is", 1.0, 1.1), Self.word(.agent, "that", 1.2, 1.3), Self.word(.agent, "right?", 1.4, 1.7),
            Self.word(.customer, "No,", 2.0, 2.2), Self.word(.customer, "it", 2.3, 2.4), Self.word(.customer, "isn't.", 2.5, 2.8),
            Self.word(.agent, "Sorry.", 3.0, 3.4),
        ]
        #expect(TurnSegmenter.turns(from: words).map(\.text) == ["Is that right?", "No, it isn't.", "Sorry."])
    }

    @Test func aLongPauseAroundTheBackchannelEndsTheTurn() {
        let words = [
            Self.word(.agent, "Let", 1.0, 1.2), Self.word(.agent, "me", 1.3, 1.5), Self.word(.agent, "check.", 1.6, 2.0),
            Self.word(.customer, "okay", 2.5, 2.8),
            Self.word(.agent, "Found", 3.5, 3.8), Self.word(.agent, "it.", 3.9, 4.1),
        ]
        #expect(TurnSegmenter.turns(from: words).map(\.text) == ["Let me check.", "okay", "Found it."])
    }
}
