import Foundation
import UndertoneAnalysis
import UndertoneAudio

/// The one place the server calls the analysis library: upload checks and the analysis of a stored call.
///
/// It hands the stored bytes to the same `CallAnalyzer` the CLI's `analyze` uses, with the same default options, so
/// a call's report is the CLI's report for the same files; only `call.source` differs: the uploaded file's name,
/// not a path.
struct CallAnalysisService: Sendable {
    private let analyzer: CallAnalyzer

    init(options: AnalysisOptions = AnalysisOptions()) throws {
        analyzer = try CallAnalyzer(options: options)
    }

    /// A finished analysis.
    struct Result: Sendable {
        var report: Data
        var summary: CallSummary
        var audioSeconds: Double
    }

    /// Why a stored call cannot be analysed, and whether trying again could help.
    struct Failure: Error, CustomStringConvertible {
        var description: String
        /// False for bad input (the same bytes fail the same way every time).
        var retryable: Bool
    }

    /// Analyses one call's bytes; `sourceName` (the uploaded file's name) becomes the report's `call.source`.
    func analyze(audio: Data, transcript: Data?, metadataJSON: String?, sourceName: String) throws(Failure) -> Result {
        do {
            let report = try analyzer.analyze(
                audio: audio, transcript: transcript, metadata: metadataJSON.map { Data($0.utf8) }, sourceName: sourceName
            )
            return Result(report: try report.jsonData(), summary: Self.summary(of: report), audioSeconds: report.call.durationSeconds)
        } catch let error as any UndertoneError where [.audio, .transcript, .metadata].contains(error.input) {
            // The same bytes fail the same way every time: no retry.
            throw Failure(description: error.description, retryable: false)
        } catch {
            throw Failure(description: "\(error)", retryable: true)
        }
    }

    /// Checks an uploaded audio file the way `analyze` opens it; the error is the CLI's reason.
    static func checkAudio(at url: URL) throws(APIError) {
        do {
            _ = try SoundFile(path: url.path)
        } catch {
            throw APIError(field: "audio", reason: error.reason)
        }
    }

    /// Checks an uploaded transcript the way `analyze` reads it.
    static func checkTranscript(at url: URL) throws(APIError) {
        do {
            _ = try TranscriptReader.read(url: url)
        } catch {
            throw APIError(field: "transcript", reason: error.reason)
        }
    }

    /// Checks uploaded metadata the way `analyze` reads it, and returns the fields the server indexes.
    static func checkMetadata(_ json: String) throws(APIError) -> (agent: String?, externalID: String?) {
        do {
            let metadata = try CallMetadata.parse(Data(json.utf8), source: "metadata")
            return (metadata.agentName, metadata.fields["externalId"])
        } catch {
            throw APIError(field: "metadata", reason: error.reason.replacingOccurrences(of: "call metadata: ", with: ""))
        }
    }

    /// The moment kinds a listing can filter on.
    static let momentKinds = Set(Moment.Kind.allCases.map(\.rawValue))

    /// The dashboard fields of a report.
    static func summary(of report: CallReport) -> CallSummary {
        var moments: [String: Int] = [:]
        for moment in report.moments { moments[moment.kind.rawValue, default: 0] += 1 }
        return CallSummary(
            durationSeconds: report.call.durationSeconds, agentTalkRatio: report.stats.agent?.talkRatio,
            deadAirSeconds: report.stats.call.deadAir.totalSeconds, holdSeconds: report.stats.call.hold.totalSeconds,
            openingScore: report.opening?.score, momentCounts: moments
        )
    }
}
