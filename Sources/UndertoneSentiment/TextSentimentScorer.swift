import Foundation

/// Scores the valence of transcribed call speech in [−1, 1] from a lexicon, contact-center phrases and rules.
///
/// Load once and reuse: the scorer is an immutable value, safe to share across tasks. The rules (documented in
/// `docs/sentiment.md`) follow VADER's published heuristics, applied per sentence and clause:
/// phrases first (longest match), then word valences; boosters within three words strengthen or damp, negators within
/// three words of the same clause flip and shrink (×−0.74); an ALL-CAPS word in mixed-case text gains 0.733; around
/// "but" earlier terms count half and later ones 1.5 times; in a question positive terms count 0.4 (asking whether
/// something is good does not say it is); `!` adds 0.292 each (up to 4) and `??` 0.18 each (up to 3) in the
/// sentence's direction. The sum `s` becomes `s / √(s² + 15)`.
public struct TextSentimentScorer: Sendable {
    public let lexicon: SentimentLexicon

    public init(lexicon: SentimentLexicon) {
        self.lexicon = lexicon
    }

    /// A scorer with the lexicon shipped in `Models/lexicon/`.
    public init() throws(LexiconError) {
        self.init(lexicon: try .bundled())
    }

    static let negationScalar = -0.74
    static let capsIncrement = 0.733
    static let exclamationIncrement = 0.292
    static let questionMarkIncrement = 0.18
    static let questionPositiveScale = 0.4
    static let normalisationAlpha = 15.0

    /// Scores one utterance; text in another language is not scored but noted (see `LanguageCheck`).
    public func score(_ text: String) -> TextSentiment {
        guard LanguageCheck.isEnglish(text) else {
            return TextSentiment(score: 0, contributions: [], sentenceRules: [], note: LanguageCheck.note)
        }
        let sentences = Self.sentences(of: text)
        let shouting = Self.isShouting(text)
        var contributions: [SentimentContribution] = []
        var sentenceRules: [String] = []
        var total = 0.0
        for sentence in sentences {
            var items = terms(in: sentence, shouting: shouting)
            applyContrast(in: sentence, to: &items)
            if sentence.isQuestion {
                for index in items.indices where items[index].contribution.valence > 0 {
                    items[index].contribution.valence *= Self.questionPositiveScale
                    items[index].contribution.rules.append("in a question ×\(Self.questionPositiveScale)")
                }
            }
            var sum = items.reduce(0) { $0 + $1.contribution.valence }
            if sum != 0, sentence.exclamations > 0 {
                let emphasis = Double(min(4, sentence.exclamations)) * Self.exclamationIncrement
                sum += sum > 0 ? emphasis : -emphasis
                sentenceRules.append("\(min(4, sentence.exclamations))×\"!\" \(sum > 0 ? "+" : "−")\(emphasis)")
            }
            if sum != 0, sentence.questionMarks > 1 {
                let emphasis = Double(min(3, sentence.questionMarks)) * Self.questionMarkIncrement
                sum += sum > 0 ? emphasis : -emphasis
                sentenceRules.append("\(min(3, sentence.questionMarks))×\"?\" \(sum > 0 ? "+" : "−")\(emphasis)")
            }
            total += sum
            contributions += items.map(\.contribution)
        }
        let score = total == 0 ? 0 : total / (total * total + Self.normalisationAlpha).squareRoot()
        return TextSentiment(score: score, contributions: contributions, sentenceRules: sentenceRules)
    }

    // MARK: - Terms

    /// The phrases and words of a sentence that carry valence, with booster, negation and caps rules applied.
    private func terms(in sentence: Sentence, shouting: Bool) -> [(index: Int, contribution: SentimentContribution)] {
        let tokens = sentence.tokens
        var boosterAt: [Int: (value: Double, term: String)] = [:]  // index of a booster's last word
        var consumed = Set<Int>()
        var found: [(index: Int, contribution: SentimentContribution)] = []
        var index = 0
        while index < tokens.count {
            if let phrase = longestPhrase(at: index, in: tokens) {
                let span = index..<(index + phrase.slots.count)
                let term = span.map { tokens[$0].raw }.joined(separator: " ")
                found.append((index, SentimentContribution(
                    term: term, kind: .phrase, lexiconValence: phrase.valence, valence: phrase.valence, rules: []
                )))
                consumed.formUnion(span)
                index = span.upperBound
                continue
            }
            if let booster = booster(at: index, in: tokens) {
                boosterAt[index + booster.length - 1] = (booster.value, booster.term)
                index += booster.length
                continue
            }
            let word = tokens[index].word
            if let valence = lexicon.words[word], valence != 0, !isNegator(word) {
                found.append((index, SentimentContribution(
                    term: tokens[index].raw, kind: .word, lexiconValence: valence, valence: valence, rules: []
                )))
            }
            index += 1
        }
        return found.map { index, contribution in
            var contribution = contribution
            let sign = contribution.valence >= 0 ? 1.0 : -1.0
            if !shouting, tokens[index].isCaps {
                contribution.valence += sign * Self.capsIncrement
                contribution.rules.append("caps +\(Self.capsIncrement)")
            }
            for distance in 1...3 where index - distance >= 0 {
                let before = index - distance
                guard tokens[before].clause == tokens[index].clause else { break }
                if let booster = boosterAt[before] {
                    let scaled = booster.value * (1 - 0.05 * Double(distance - 1))
                    contribution.valence += sign * scaled
                    contribution.rules.append("\(booster.value > 0 ? "boosted" : "damped") by \"\(booster.term)\"")
                }
            }
            if contribution.kind == .word,
               let negator = (1...3).lazy.map({ index - $0 }).first(where: { before in
                   before >= 0 && tokens[before].clause == tokens[index].clause && !consumed.contains(before)
                       && self.isNegator(tokens[before].word)
               }) {
                contribution.valence *= Self.negationScalar
                contribution.rules.append("negated by \"\(tokens[negator].raw)\"")
            }
            return (index, contribution)
        }
    }

    /// The longest phrase matching at `index`; of equally long ones, the first in the file.
    private func longestPhrase(at index: Int, in tokens: [Token]) -> SentimentLexicon.Phrase? {
        var best: SentimentLexicon.Phrase?
        for phrase in lexicon.phrases where phrase.slots.count <= tokens.count - index {
            guard phrase.slots.count > (best?.slots.count ?? 0) else { continue }
            let matches = phrase.slots.indices.allSatisfy { offset in
                phrase.slots[offset].map { $0.contains(tokens[index + offset].word) } ?? true
            }
            if matches { best = phrase }
        }
        return best
    }

    private func booster(at index: Int, in tokens: [Token]) -> (value: Double, term: String, length: Int)? {
        for length in [2, 1] where index + length <= tokens.count {
            let words = tokens[index..<(index + length)].map(\.word)
            if let value = lexicon.boosters[words] { return (value, words.joined(separator: " "), length) }
        }
        return nil
    }

    private func isNegator(_ word: String) -> Bool {
        lexicon.negators.contains(word) || word.hasSuffix("n't")
    }

    /// Around the last contrast word ("but"), earlier terms count half and later ones 1.5 times.
    private func applyContrast(in sentence: Sentence, to items: inout [(index: Int, contribution: SentimentContribution)]) {
        guard let pivot = sentence.tokens.lastIndex(where: { lexicon.contrasts.contains($0.word) }) else { return }
        for item in items.indices {
            let factor = items[item].index < pivot ? 0.5 : 1.5
            items[item].contribution.valence *= factor
            items[item].contribution.rules.append(
                "\(factor < 1 ? "before" : "after") \"\(sentence.tokens[pivot].word)\" ×\(factor)"
            )
        }
    }

    // MARK: - Tokens

    struct Token {
        /// The word as written, punctuation removed.
        var raw: String
        /// Lower-cased, straight apostrophes.
        var word: String
        /// Index of the comma-separated clause within the sentence.
        var clause: Int
        var isCaps: Bool
    }

    struct Sentence {
        var tokens: [Token] = []
        var isQuestion = false
        var exclamations = 0
        var questionMarks = 0
    }

    static func normalise(_ word: String) -> String {
        word.lowercased().replacingOccurrences(of: "\u{2019}", with: "'")
    }

    /// Whole-text capitals are shouting throughout, so capitals then single nothing out.
    private static func isShouting(_ text: String) -> Bool {
        let letters = text.filter(\.isLetter)
        return !letters.isEmpty && letters.allSatisfy(\.isUppercase)
    }

    static func sentences(of text: String) -> [Sentence] {
        var sentences: [Sentence] = []
        var current = Sentence()
        var clause = 0
        var word = ""
        func flushWord() {
            let trimmed = word.trimmingCharacters(in: CharacterSet(charactersIn: "'-\u{2019}"))
            if !trimmed.isEmpty {
                let letters = trimmed.filter(\.isLetter)
                current.tokens.append(Token(
                    raw: trimmed, word: normalise(trimmed), clause: clause,
                    isCaps: letters.count >= 2 && letters.allSatisfy(\.isUppercase)
                ))
            }
            word = ""
        }
        func flushSentence() {
            if !current.tokens.isEmpty || current.exclamations + current.questionMarks > 0 { sentences.append(current) }
            current = Sentence()
            clause = 0
        }
        var characters = Array(text)
        characters.append(" ")
        for (index, character) in characters.enumerated() {
            switch character {
            case "!", "?", ".":
                flushWord()
                if character == "!" { current.exclamations += 1 }
                if character == "?" { current.questionMarks += 1; current.isQuestion = true }
                let next = characters[index + 1]
                if !"!?.".contains(next) { flushSentence() }
            case ",", ";", ":", "(", ")", "\u{2014}", "\u{2013}":
                flushWord()
                clause += 1
            default:
                if character.isLetter || character.isNumber || character == "'" || character == "\u{2019}" || character == "-" {
                    word.append(character)
                } else {
                    flushWord()
                }
            }
        }
        flushWord()
        flushSentence()
        return sentences
    }
}
