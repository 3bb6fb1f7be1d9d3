import ArgumentParser
import Foundation
import UndertoneAnalysis
import UndertoneDSP

/// `undertone sentiment`: text sentiment of sentences on stdin, or the sentiment block of a transcribed call.
struct SentimentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sentiment",
        abstract: "Score sentences from stdin (one JSON line each), or a call's transcript (--transcript).",
        discussion: """
            Without --transcript, each input line is scored and printed as one JSON object: the sentence ("text"), \
            its "score" in [-1, 1] (null, with "note": "sentiment: English only", for another language), the words \
            and phrases that carried it ("contributions", each with the rules that changed it) and whole-sentence \
            rules ("sentenceRules").
            With --transcript (any supported format), prints the call's sentiment report: per-turn scores, arcs \
            with shapes, turning points with their triggers.

            Examples:
              echo "I've been on hold for an hour." | undertone sentiment
              undertone sentiment --transcript call.json --roles customer,agent --no-voice-emotion agent
            """
    )

    @Flag(help: "Sentence mode: print only the text and the score.")
    var brief = false

    @Option(help: ArgumentHelp(
        "A call transcript (WebVTT, SRT, AWS Transcribe, Deepgram, Whisper, AssemblyAI, Google or Undertone JSON).",
        valueName: "FILE"))
    var transcript: String?

    @Option(help: ArgumentHelp(
        "Call metadata JSON (agentName, customerName, company, free fields) used to recognise speaker names.", valueName: "FILE"))
    var metadata: String?

    @Option(name: .customLong("no-voice-emotion"), help: ArgumentHelp(
        "Turn off voice-based emotion inference for a role; repeatable.", valueName: "ROLE"))
    var noVoiceEmotion: [RoleArgument] = []

    @Option(help: ArgumentHelp(
        "Channel roles: agent,customer (default), customer,agent (Amazon Connect), or channel numbers AGENT,CUSTOMER.",
        valueName: "ROLES"))
    var roles: ChannelRoles?

    func run() throws {
        let scorer = try TextSentimentScorer()
        if let transcript {
            try analyzeCall(transcript: transcript, scorer: scorer)
        } else {
            try scoreLines(scorer: scorer)
        }
    }

    struct Line: Encodable {
        var text: String
        /// Null when the text was not scored (another language; `note` says so).
        var score: Double?
        var contributions: [SentimentContribution]?
        var sentenceRules: [String]?
        var note: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(text, forKey: .text)
            try container.encode(score, forKey: .score)
            try container.encodeIfPresent(contributions, forKey: .contributions)
            try container.encodeIfPresent(sentenceRules, forKey: .sentenceRules)
            try container.encodeIfPresent(note, forKey: .note)
        }

        enum CodingKeys: String, CodingKey { case text, score, contributions, sentenceRules, note }
    }

    private func scoreLines(scorer: TextSentimentScorer) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let limit = TranscriptLimits.standard.maxLineBytes
        var number = 0
        while let text = readLine() {
            number += 1
            // Scoring time grows with the sentence; a megabyte "sentence" is not one.
            guard text.utf8.count <= limit else {
                throw InputError(path: "stdin", reason: "line \(number) is longer than \(limit) bytes")
            }
            let result = scorer.score(text)
            let line = Line(
                text: text, score: result.isScored ? (result.score * 10_000).rounded() / 10_000 : nil,
                contributions: brief ? nil : result.contributions, sentenceRules: brief ? nil : result.sentenceRules,
                note: result.note
            )
            print(String(decoding: try encoder.encode(line), as: UTF8.self))
        }
    }

    private func analyzeCall(transcript path: String, scorer: TextSentimentScorer) throws {
        var options = SentimentOptions()
        if let roles { options.channels = roles.map }
        options.voiceEmotionDisabled = Set(noVoiceEmotion.map(\.speaker))
        let report: SentimentReport
        let callMetadata = try metadata.map { path throws(TranscriptError) in try CallMetadata.read(url: URL(fileURLWithPath: path)) }
        let words = try TranscriptReader.read(url: URL(fileURLWithPath: path)).words
        let roles = RoleAssigner(channels: options.channels, metadata: callMetadata ?? CallMetadata())
        report = SentimentAnalyzer(scorer: scorer).analyze(words: roles.assign(words), options: options)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(report), as: UTF8.self))
    }
}
