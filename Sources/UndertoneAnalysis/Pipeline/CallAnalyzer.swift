public import Foundation
import UndertoneAudio
import UndertoneDSP
package import UndertoneTranscripts
import UndertoneConversation
import UndertoneSentiment
import UndertoneRubrics

/// Analyzes finished calls: decoding, frames, conversation, transcript, sentiment, rubrics and moments.
///
/// Create one analyzer per batch: it loads the lexicon and the rubric templates once, and it is `Sendable`, so
/// calls can be analyzed in parallel with the same instance.
///
///     let analyzer = try CallAnalyzer(options: AnalysisOptions())
///     let report = try analyzer.analyze(CallInput(audio: url, transcript: transcriptURL))
///     let uploaded = try analyzer.analyze(audio: body, transcript: transcriptBody, sourceName: "call 42")
///
/// Every error it throws conforms to ``UndertoneError``.
public struct CallAnalyzer: Sendable {
    public let options: AnalysisOptions
    private let sentiment: SentimentAnalyzer
    private let opening: OpeningAuditor
    private let templates: [RubricTemplate]
    private let voiceModel: SileroVoiceWeights

    /// Loads the models and templates `options` needs; throws a one-line error naming a bad template or lexicon file.
    public init(options: AnalysisOptions = AnalysisOptions()) throws {
        self.options = options
        sentiment = try SentimentAnalyzer()
        opening = try OpeningAuditor.builtIn()
        templates = try RubricAnalysis.templates(adding: options.templates)
        voiceModel = try VoiceModel.weights()
    }

    /// Analyzes the call in the files of `input` and returns its report; `call.source` is the audio file's path.
    public func analyze(_ input: CallInput) throws -> CallReport {
        // The small files first: a bad transcript or metadata fails before minutes of decoding.
        let metadata = try input.metadata.map { url throws in try CallMetadata.read(url: url) } ?? CallMetadata()
        var transcript = try input.transcript.map { url throws in try TranscriptReader.read(url: url) }
        if transcript == nil, !input.partyTranscripts.isEmpty {
            transcript = .merging(try input.partyTranscripts.sorted { $0.key.rawValue < $1.key.rawValue }.map { party, url throws in
                (party, try TranscriptReader.read(url: url))
            })
        }
        let audio = try DecodedCall(
            reading: AnalysisAudioReader(path: input.audio.path, channels: options.channelMap),
            channels: options.channelMap, voiceModel: voiceModel
        )
        return report(for: audio, transcript: transcript, metadata: metadata)
    }

    /// Analyzes a call given as bytes, as a server receives it: audio in any format the file analysis reads, and
    /// optionally a transcript (any supported format) and metadata JSON. The report is the one the same files give.
    ///
    /// - Parameter sourceName: names the call in errors and in the report's `call.source`; errors about the
    ///   transcript or metadata name `"<sourceName> transcript"` or `"<sourceName> metadata"`.
    public func analyze(audio: Data, transcript: Data? = nil, metadata: Data? = nil, sourceName: String) throws -> CallReport {
        let metadata = try metadata.map { data throws in
            try CallMetadata.parse(data, source: "\(sourceName) metadata")
        } ?? CallMetadata()
        let transcript = try transcript.map { data throws in
            try TranscriptReader.parse(data, source: "\(sourceName) transcript")
        }
        let call = try DecodedCall(
            reading: AnalysisAudioReader(bytes: Array(audio), name: sourceName, channels: options.channelMap),
            channels: options.channelMap, voiceModel: voiceModel
        )
        return report(for: call, transcript: transcript, metadata: metadata)
    }

    /// Scores live transcript utterances with the lexicon the reports use.
    var liveSentimentScorer: SentimentScorer {
        let scorer = sentiment.scorer
        return SentimentScorer { text in
            let result = scorer.score(text)
            return result.isScored ? result.score : nil
        }
    }

    /// The report of a decoded call: what batch analysis and a finished ``LiveTap`` share.
    ///
    /// A transcript that does not belong to the audio (``TranscriptAudioCheck``) is withheld: the report keeps the
    /// audio-based figures, and every transcript-based one is null or empty with the reason in `diagnostics`.
    package func report(for decoded: DecodedCall, transcript: Transcript?, metadata: CallMetadata) -> CallReport {
        var audio = decoded
        var notes: [String] = audio.lengthWarning.map { [$0] } ?? []
        var diagnostics = TranscriptAudioCheck.audioNotes(audio)
        var words: [Word] = []
        var withheld: String?
        if let transcript {
            if transcript.wordTimesEstimated {
                notes.append("The transcript has no word timings; word times are spread over each cue by length.")
            }
            let assigner = RoleAssigner(channels: audio.channels, metadata: metadata)
            words = assigner.assign(transcript.words, tracks: audio.tracksByChannel)
            var check = TranscriptAudioCheck(words: words, audio: audio)
            if check.swapped, options.fixRoles {
                audio = audio.swappingRoles()
                words = RoleAssigner(channels: audio.channels, metadata: metadata).assign(transcript.words, tracks: audio.tracksByChannel)
                check = TranscriptAudioCheck(words: words, audio: audio)
                diagnostics.append(Diagnostic(.warning, check: "swappedRoles",
                    "Agent and customer were swapped (--fix-roles): the agent is channel \(audio.channel(of: .agent) ?? 0), the customer channel \(audio.channel(of: .customer) ?? 1)"))
            }
            diagnostics += check.diagnostics
            withheld = check.withheld
            if withheld != nil { words = [] }
        } else {
            notes.append("No transcript: sentiment, the opening audit and phrase criteria need one.")
        }
        notes = diagnostics.map(\.note) + notes

        var conversationOptions = ConversationOptions()
        conversationOptions.deadAirSeconds = options.deadAirThreshold
        conversationOptions.nonTalkSeconds = options.nonTalkThreshold
        var conversation = ConversationAnalyzer.analyze(
            agent: audio.track(.agent), customer: audio.track(.customer), mixed: audio.track(.mixed), words: words,
            options: conversationOptions
        )
        notes += conversation.notes
        // One length everywhere: the decoded samples', not the frame grid's.
        conversation.stats.call.durationSeconds = audio.duration

        let disabled = options.voiceEmotionDisabled.sorted { $0.rawValue < $1.rawValue }
        let sentimentReport = words.isEmpty
            ? SentimentReport(voiceEmotionDisabled: disabled)
            : sentiment.analyze(
                words: words, tracks: audio.tracksByChannel,
                options: SentimentOptions(voiceEmotionDisabled: options.voiceEmotionDisabled, channels: audio.channels)
            )
        if !disabled.isEmpty {
            notes.append("Voice-based emotion inference was off for: \(disabled.map(\.rawValue).joined(separator: ", ")).")
        }

        var context = RubricContext(
            words: words, metadata: metadata, duration: audio.duration,
            conversation: .init(
                speech: conversation.speech, pauses: conversation.pauses, overlaps: conversation.overlaps,
                stats: conversation.stats
            ),
            sentiment: words.isEmpty ? nil : sentimentReport, loudness: audio.loudnessPerSecond,
            deadAirThreshold: options.deadAirThreshold
        )
        context.transcriptWithheld = withheld
        let rubrics = RubricAnalysis(context, opening: opening, templates: templates)

        return CallReport(
            schemaVersion: CallReport.currentSchemaVersion,
            engine: .init(name: "undertone", version: Undertone.version),
            call: .init(
                source: audio.info.path, format: "\(audio.info.container) (\(audio.info.codec))",
                sampleRate: audio.info.sampleRate, channels: audio.info.channels,
                durationSeconds: audio.duration
            ),
            speakers: .init(agent: .init(channel: audio.channel(of: .agent)), customer: .init(channel: audio.channel(of: .customer))),
            speech: conversation.speech, pauses: conversation.pauses, overlaps: conversation.overlaps,
            stats: conversation.stats, sentiment: sentimentReport, opening: rubrics.opening, templates: rubrics.templateScores,
            criteria: rubrics.criteria, moments: rubrics.moments, frames: options.includeFrames ? audio.framesReport() : nil,
            diagnostics: diagnostics, notes: notes
        )
    }
}

/// The engine's identity, reported in every report and by the front ends.
public enum Undertone {
    public static let version = "0.1.0"
}
