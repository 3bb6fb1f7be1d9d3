import ArgumentParser
import Foundation
import UndertoneAnalysis

/// `undertone sentiment`: scores sentences read from standard input, one per line.
struct SentimentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sentiment",
        abstract: "Score the text sentiment of each line on stdin; print one JSON object per line.",
        discussion: """
            Each output line holds the sentence ("text"), its "score" in [-1, 1], the words and phrases that \
            carried it ("contributions", with the rules that changed each one) and whole-sentence rules \
            ("sentenceRules"). Empty input lines give a score of 0.
            """
    )

    @Flag(help: "Print only the score and the text, without the explanation.")
    var brief = false

    struct Line: Encodable {
        var text: String
        var score: Double
        var contributions: [SentimentContribution]?
        var sentenceRules: [String]?
    }

    func run() throws {
        let scorer: TextSentimentScorer
        do {
            scorer = try TextSentimentScorer()
        } catch {
            throw ValidationError(error.description)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        while let text = readLine() {
            let result = scorer.score(text)
            let line = Line(
                text: text, score: (result.score * 10_000).rounded() / 10_000,
                contributions: brief ? nil : result.contributions, sentenceRules: brief ? nil : result.sentenceRules
            )
            print(String(decoding: try encoder.encode(line), as: UTF8.self))
        }
    }
}
