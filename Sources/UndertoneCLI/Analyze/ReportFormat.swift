import ArgumentParser
import Foundation
import UndertoneAnalysis

/// How `undertone analyze` writes a report.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case json, text

    /// The suffix of a batch report file written next to the call.
    var fileSuffix: String { self == .json ? ".report.json" : ".report.txt" }

    func render(_ report: CallReport) throws -> Data {
        switch self {
        case .json: try report.jsonData()
        case .text: Data(ReportTextRenderer.render(report).utf8)
        }
    }
}
