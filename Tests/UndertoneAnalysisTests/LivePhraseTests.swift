import Testing
import UndertoneTranscripts
@testable import UndertoneAnalysis

/// `--phrase` with events of one utterance per line (issue 15 §4): phrases match inside an utterance and across
/// consecutive utterances of the same party.
@Suite struct LivePhraseTests {
    static func utterance(_ text: String, _ start: Double, _ end: Double, _ role: Speaker = .agent) -> Word {
        Word(speaker: role.rawValue, start: start, end: end, text: text, role: role)
    }

    @Test func phrasesMatchWithinAndAcrossUtteranceLines() {
        var options = LiveAlertOptions()
        options.phrases = [PhraseRule("that is our policy"), PhraseRule("cancel my account", speaker: .customer)]
        let call = SyntheticCall(duration: 14, agent: [.init(start: 0, end: 6)], customer: [.init(start: 8, end: 11)])
        let words = [
            Self.utterance("Well, I'm afraid that's our", 0.5, 2.5),
            Self.utterance("policy, sorry.", 2.8, 4),
            Self.utterance("Then I want to cancel my account today.", 8, 11, .customer),
        ]
        let phrases = LiveAlertEngineTests.run(call, words: words, options: options).filter { $0.kind == .phrase }
        #expect(phrases.map(\.speaker) == [.agent, .customer])
        #expect(phrases.map(\.start) == [0.5, 8])
    }
}
