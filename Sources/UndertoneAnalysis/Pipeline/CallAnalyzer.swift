public import Foundation
import UndertoneAudio
import UndertoneDSP

/// Analyzes finished calls: decoding, frames, conversation, transcript, sentiment, rubrics and moments.
///
/// Create one analyzer per batch: it loads the lexicon and the rubric templates once, and it is `Sendable`, so
/// calls can be analyzed in parallel with the same instance.
///
///     let analyzer = try CallAnalyzer(options: AnalysisOptions())
///     let report = try analyzer.analyze(CallInput(audio: url, transcript: transcriptURL))
public struct CallAnalyzer: Sendable {
    public let options: AnalysisOptions
    private let sentiment: SentimentAnalyzer
    private let opening: OpeningAuditor
    private let templates: [RubricTemplate]

    /// Loads the models and templates `options` needs; throws a one-line error naming a bad template or lexicon file.
    public init(options: AnalysisOptions = AnalysisOptions()) throws {
        self.options = options
        sentiment = try SentimentAnalyzer()
        opening = try OpeningAuditor.builtIn()
        templates = try RubricAnalysis.templates(adding: options.templates)
    }

    /// Analyzes `input` and returns its report.
    public func analyze(_ input: CallInput) throws -> CallReport {
        // The small files first: a bad transcript or metadata fails before minutes of decoding.
        let metadata = try input.metadata.map { url throws in try CallMetadata.read(url: url) } ?? CallMetadata()
        let transcript = try input.transcript.map { url throws in try TranscriptReader.read(url: url) }
        let audio = try DecodedCall(path: input.audio.path, channelMap: options.channelMap)
        var notes: [String] = audio.lengthWarning.map { [$0] } ?? []
        var words: [Word] = []
        if let url = input.transcript, let transcript {
            try TranscriptLimits.standard.checkWithinAudio(transcript.words, duration: audio.duration, source: url.path)
            if transcript.wordTimesEstimated {
                notes.append("The transcript has no word timings; word times are spread over each cue by length.")
            }
            words = RoleAssigner(channelRoles: audio.channelRoles, metadata: metadata)
                .assign(transcript.words, tracks: audio.tracksByChannel)
        } else {
            notes.append("No transcript: sentiment, the opening audit and phrase criteria need one.")
        }

        var conversationOptions = ConversationOptions()
        conversationOptions.deadAirSeconds = options.deadAirThreshold
        conversationOptions.nonTalkSeconds = options.nonTalkThreshold
        let conversation = ConversationAnalyzer.analyze(
            agent: audio.track(.agent), customer: audio.track(.customer), mixed: audio.track(.mixed), words: words,
            options: conversationOptions
        )
        notes += conversation.notes

        let disabled = options.voiceEmotionDisabled.sorted { $0.rawValue < $1.rawValue }
        let sentimentReport = words.isEmpty
            ? SentimentReport(voiceEmotionDisabled: disabled)
            : sentiment.analyze(
                words: words, tracks: audio.tracksByChannel,
                options: SentimentOptions(voiceEmotionDisabled: options.voiceEmotionDisabled, channelRoles: audio.channelRoles)
            )
        if !disabled.isEmpty {
            notes.append("Voice-based emotion inference was off for: \(disabled.map(\.rawValue).joined(separator: ", ")).")
        }

        let context = RubricContext(
            words: words, metadata: metadata, duration: audio.duration,
            conversation: .init(
                speech: conversation.speech, pauses: conversation.pauses, overlaps: conversation.overlaps,
                stats: conversation.stats
            ),
            sentiment: words.isEmpty ? nil : sentimentReport, loudness: audio.loudnessPerSecond,
            deadAirThreshold: options.deadAirThreshold
        )
        let rubrics = RubricAnalysis(context, opening: opening, templates: templates)

        return CallReport(
            schemaVersion: CallReport.currentSchemaVersion,
            engine: .init(name: "undertone", version: Undertone.version),
            call: .init(
                source: input.audio.path, format: "\(audio.info.container) (\(audio.info.codec))",
                sampleRate: audio.info.sampleRate, channels: audio.info.channels,
                durationSeconds: audio.duration
            ),
            speakers: .init(agent: .init(channel: audio.channel(of: .agent)), customer: .init(channel: audio.channel(of: .customer))),
            speech: conversation.speech, pauses: conversation.pauses, overlaps: conversation.overlaps,
            stats: conversation.stats, sentiment: sentimentReport, opening: rubrics.opening, criteria: rubrics.criteria,
            moments: rubrics.moments, frames: options.includeFrames ? audio.framesReport() : nil, notes: notes
        )
    }
}

/// The engine's identity, reported in every report and by `--version`.
public enum Undertone {
    public static let version = "0.1.0"
}
