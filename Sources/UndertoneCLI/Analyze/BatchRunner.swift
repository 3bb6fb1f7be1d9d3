import Foundation
import UndertoneAnalysis

/// Analyzes many calls in parallel, one report file per call, and keeps going past bad files.
struct BatchRunner {
    let calls: [CallInput]
    /// The folders the calls were found in, to mirror sub-folders under `outputDirectory`.
    let roots: [URL]
    let outputDirectory: URL?
    let format: ReportFormat
    let analyzer: CallAnalyzer
    let force: Bool
    let jobs: Int

    struct Summary {
        var analyzed = 0
        var skipped = 0
        var failures: [String] = []
        /// The reports written, in the order they finished.
        var written: [String] = []
        /// Sum of the single-call analysis times, to compare with the wall time.
        var callSeconds = 0.0
        var wallSeconds = 0.0
    }

    private enum Outcome: Sendable {
        case analyzed(seconds: Double)
        case skipped
        case failed(String)
    }

    func run() async -> Summary {
        var summary = Summary()
        var progress = ProgressBar(total: calls.count)
        let started = Date()
        await withTaskGroup(of: (Int, Outcome).self) { group in
            var next = 0
            func submit() {
                guard next < calls.count else { return }
                let index = next
                next += 1
                let call = calls[index]
                let destination = reportURL(for: call)
                group.addTask { [analyzer, format, force] in
                    (index, Self.analyze(call, to: destination, analyzer: analyzer, format: format, force: force))
                }
            }
            for _ in 0..<max(1, jobs) { submit() }
            while let (index, outcome) = await group.next() {
                let name = calls[index].audio.lastPathComponent
                switch outcome {
                case .analyzed(let seconds):
                    summary.analyzed += 1
                    summary.written.append(reportURL(for: calls[index]).path)
                    summary.callSeconds += seconds
                    progress.advance(item: name, outcome: String(format: "ok (%.2f s)", seconds), ok: true)
                case .skipped:
                    summary.skipped += 1
                    progress.advance(item: name, outcome: "skipped (report is up to date)", ok: true)
                case .failed(let message):
                    summary.failures.append(message)
                    progress.advance(item: name, outcome: "failed: \(message)", ok: false)
                }
                submit()
            }
        }
        progress.finish()
        summary.wallSeconds = Date().timeIntervalSince(started)
        return summary
    }

    /// Where the report of `call` goes: next to the audio, or under `outputDirectory` mirroring its sub-folder.
    func reportURL(for call: CallInput) -> URL {
        let stem = call.audio.deletingPathExtension().lastPathComponent + format.fileSuffix
        guard let outputDirectory else { return call.audio.deletingLastPathComponent().appendingPathComponent(stem) }
        let folder = call.audio.deletingLastPathComponent().standardizedFileURL.path
        let relative = roots
            .map { $0.standardizedFileURL.path }
            .first { folder == $0 || folder.hasPrefix($0 + "/") }
            .map { String(folder.dropFirst($0.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/")) } ?? ""
        return outputDirectory.appendingPathComponent(relative, isDirectory: true).appendingPathComponent(stem)
    }

    private static func analyze(
        _ call: CallInput, to destination: URL, analyzer: CallAnalyzer, format: ReportFormat, force: Bool
    ) -> Outcome {
        if !force, isUpToDate(destination, for: call) { return .skipped }
        let started = Date()
        do {
            let report = try analyzer.analyze(call)
            try FileManager.default.createDirectory(
                at: destination.deletingLastPathComponent(), withIntermediateDirectories: true
            )
            try ReportWriter.write(format.render(report), to: destination.path)
            return .analyzed(seconds: Date().timeIntervalSince(started))
        } catch {
            return .failed(String(describing: error))
        }
    }

    /// A report is up to date when it is newer than every input of the call.
    private static func isUpToDate(_ report: URL, for call: CallInput) -> Bool {
        func modified(_ url: URL?) -> Date? {
            guard let url else { return nil }
            return (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
        }
        guard let written = modified(report) else { return false }
        return [call.audio, call.transcript, call.metadata].compactMap(modified).allSatisfy { $0 <= written }
    }
}
