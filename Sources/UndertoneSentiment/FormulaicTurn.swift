import UndertoneTranscripts

/// Turns that say nothing about how a party feels: backchannels ("okay", "mhm", "yeah, right") and greeting or
/// closing formulas ("Good morning, thank you for calling…", "You're welcome, goodbye", "Bye now"). Their scores are
/// politeness, not mood, so a change measured on them, or right after the other party's, is no sentiment moment.
enum FormulaicTurn {
    /// At most three tokens, all acknowledgements.
    static func isBackchannel(_ text: String) -> Bool {
        let tokens = TranscriptText.tokens(text)
        return !tokens.isEmpty && tokens.count <= 3 && tokens.allSatisfy(backchannelTokens.contains)
    }

    /// At least half of the tokens belong to greeting or closing formulas or introductions.
    static func isFormula(_ text: String) -> Bool {
        let tokens = TranscriptText.tokens(text)
        guard !tokens.isEmpty else { return false }
        var covered = [Bool](repeating: false, count: tokens.count)
        for start in tokens.indices {
            for formula in formulas where start + formula.count <= tokens.count
                && tokens[start..<(start + formula.count)].elementsEqual(formula) {
                for index in start..<(start + formula.count) { covered[index] = true }
            }
        }
        return (covered.filter { $0 }.count + introductionTokens(text)) * 2 >= tokens.count
    }

    /// Tokens of introductions, "this is Dana" (3) and "my name is Dana" (4): only with a capitalised name after
    /// "is", so "This is ridiculous." is no formula.
    static func introductionTokens(_ text: String) -> Int {
        let words = text.split(whereSeparator: \.isWhitespace).map { $0.filter(\.isLetter) }
        var count = 0
        for index in words.indices.dropFirst().dropLast()
        where words[index].lowercased() == "is" && words[index + 1].first?.isUppercase == true {
            if words[index - 1].lowercased() == "this" {
                count += 3
            } else if words[index - 1].lowercased() == "name", index >= 2, words[index - 2].lowercased() == "my" {
                count += 4
            }
        }
        return count
    }

    /// Either of the above.
    static func isFiller(_ text: String) -> Bool { isBackchannel(text) || isFormula(text) }

    static let backchannelTokens: Set<String> = [
        "okay", "mhm", "mm", "hmm", "uh", "huh", "yeah", "yes", "yep", "yup", "right", "sure", "alright", "all", "got",
        "it", "i", "see", "fine", "no", "nope", "oh", "ah", "aha", "true", "exactly", "cool",
    ]

    /// Token sequences after `TranscriptText.tokens` ("you're" is "you are").
    static let formulas: [[String]] = [
        "good morning", "good afternoon", "good evening", "hello", "hi", "hey", "thank you for calling",
        "thanks for calling", "am i speaking with", "how can i help you", "how may i help you",
        "bye", "goodbye", "bye now", "bye bye", "you are welcome", "have a nice day", "have a good day",
        "have a great day", "have a good one", "take care", "thanks again", "thank you again", "talk soon",
        "thanks bye", "thank you bye", "see you", "you too", "will do",
    ].map { $0.split(separator: " ").map(String.init) }
}
