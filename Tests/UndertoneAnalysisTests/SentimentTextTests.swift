import Foundation
import Testing
import UndertoneAnalysis

@Suite struct SentimentTextTests {
    static let scorer = try! TextSentimentScorer()

    func score(_ text: String) -> Double { Self.scorer.score(text).score }

    @Test func scoresStayInRangeAndHaveTheRightSign() {
        #expect(score("Thank you so much, you've been incredibly helpful!") > 0.7)
        #expect(score("This is absolutely unacceptable.") < -0.4)
        #expect(abs(score("Can I get your account number please?")) < 0.1)
        for text in ["GREAT GREAT GREAT!!!!", "worst worst worst awful horrible terrible!!!!", ""] {
            #expect((-1...1).contains(score(text)))
        }
    }

    @Test func negationFlipsAndShrinksWithinItsClause() throws {
        let good = score("It's good.")
        let notGood = Self.scorer.score("It's not good.")
        #expect(good > 0 && notGood.score < 0 && abs(notGood.score) < good)
        #expect(notGood.contributions.first?.rules == ["negated by \"not\""])
        // A comma ends the negation's reach: "No, that's all, thanks" is not a negated thanks.
        #expect(score("No, that's all, thanks.") > 0)
        #expect(score("It's not working.") < 0 && score("It's working now.") > 0)
    }

    @Test func contrastWeighsTheClauseAfterBut() {
        #expect(score("The wait was long but you were really helpful.") > 0)
        #expect(score("You were polite, but my problem is still not solved.") < 0)
        let explained = Self.scorer.score("I appreciate that, but it doesn't change anything.")
        #expect(explained.contributions.contains { $0.rules.contains("before \"but\" ×0.5") })
    }

    @Test func contactCenterPhrasesOverrideTheirWords() {
        let policy = Self.scorer.score("Unfortunately that's our policy.")
        #expect(policy.contributions.map(\.term) == ["Unfortunately", "that's our policy"])
        #expect(policy.score < -0.4)
        #expect(score("This is the fourth time I'm calling.") < -0.4)
        #expect(score("I've been on hold for an hour.") < -0.4)
        #expect(score("Okay, that fixed it.") > 0.4)
        #expect(score("Let me transfer you to billing.") == 0)
        #expect(score("Is there anything else I can help you with?") == 0)
        #expect(score("Cancel my account.") < -0.3)
        // "hate" is negative, but not in a retention offer.
        #expect(score("I'd hate to lose you as a customer.") > 0)
    }

    @Test func emphasisFromCapsExclamationsAndQuestions() {
        #expect(score("This is BAD.") < score("This is bad."))
        #expect(score("This is great!!") > score("This is great."))
        #expect(score("Is it good?") < score("It is good."))
        #expect(score("Why is this so bad??") < score("Why is this so bad?"))
    }

    @Test func beatsTheVADERFigureOnTheHeldOutLabelledSentences() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scripts/sentiment/labelled.tsv")
        let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(rows.count >= 300)
        let heldOut = rows.enumerated().filter { $0.offset % 3 == 2 }.map(\.element)
        let labels = heldOut.map { Double($0[0])! }
        let scores = heldOut.map { score(String($0[2])) }
        // VADER reaches r = 0.636 on these 128 sentences (Scripts/sentiment/compare_vader.py).
        #expect(Correlation.pearson(labels, scores) > 0.80)
    }

    @Test func missingOrBrokenLexiconFilesGiveOneLineErrors() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("lexicon-\(UUID())")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(throws: LexiconError.self) { try SentimentLexicon.load(from: empty) }
        for file in ["vader-words.tsv", "contact-center-words.tsv", "phrases.tsv", "modifiers.tsv"] {
            try Data("# header\n".utf8).write(to: empty.appendingPathComponent(file))
        }
        try Data("great\tvery\n".utf8).write(to: empty.appendingPathComponent("contact-center-words.tsv"))
        do {
            _ = try SentimentLexicon.load(from: empty)
            Issue.record("loaded")
        } catch {
            #expect(error.description.hasSuffix("contact-center-words.tsv: line 1: valence \"very\" is not a number"))
        }
    }
}

