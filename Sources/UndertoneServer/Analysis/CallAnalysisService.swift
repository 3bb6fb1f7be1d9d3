import Foundation
import UndertoneAnalysis
import UndertoneAudio

/// The one place the server calls the analysis library: upload checks and the analysis of a stored call.
///
/// It calls the same `CallAnalyzer` the CLI's `analyze` does, with the same default options, so a call's report is
/// the CLI's report for the same files; only `call.source` differs: it is the uploaded file's name, not a path.
/// When the library analyses bytes (`Data`) with a caller-chosen source name, this file is all that changes.
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

    /// Analyses the stored files of one call. `metadataJSON` is the uploaded metadata object.
    func analyze(audio: URL, sourceName: String, transcript: URL?, metadataJSON: String?) throws(Failure) -> Result {
        let metadataFile = metadataJSON.map { _ in
            FileManager.default.temporaryDirectory.appendingPathComponent("undertone-meta-\(UUID().uuidString).json")
        }
        defer { if let metadataFile { try? FileManager.default.removeItem(at: metadataFile) } }
        do {
            if let metadataFile, let metadataJSON { try Data(metadataJSON.utf8).write(to: metadataFile) }
            var report = try analyzer.analyze(CallInput(audio: audio, transcript: transcript, metadata: metadataFile))
            report.call.source = sourceName
            return Result(report: try report.jsonData(), summary: Self.summary(of: report), audioSeconds: report.call.durationSeconds)
        } catch let error as AudioError {
            throw Failure(description: "audio: \(error.reason)", retryable: false)
        } catch let error as TranscriptError {
            throw Failure(description: "transcript: \(error.reason)", retryable: false)
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
    static func checkMetadata(at url: URL) throws(APIError) -> (agent: String?, externalID: String?) {
        do {
            let metadata = try CallMetadata.read(url: url)
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
