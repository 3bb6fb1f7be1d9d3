import Foundation
import UndertoneAnalysis

/// Prints alerts as JSON lines on stdout, one write per line so a reader sees each alert the moment it holds.
///
/// When the reader goes away (a closed pipe), there is no one left to alert: the command ends with status 0, as
/// `head` lets a pipeline end, instead of dying of SIGPIPE (the live command ignores that signal).
struct AlertPrinter {
    private struct Line: Encodable {
        let alert: LiveAlert

        enum CodingKeys: String, CodingKey { case kind, audioTime, start, speaker, summary }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(alert.kind.rawValue, forKey: .kind)
            try container.encode((alert.audioTime * 1000).rounded() / 1000, forKey: .audioTime)
            try container.encode((alert.start * 1000).rounded() / 1000, forKey: .start)
            try container.encode(alert.speaker?.rawValue, forKey: .speaker)
            try container.encode(alert.summary, forKey: .summary)
        }
    }

    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }()

    func print(_ alerts: [LiveAlert]) {
        for alert in alerts {
            guard var data = try? encoder.encode(Line(alert: alert)) else { continue }
            data.append(UInt8(ascii: "\n"))
            Self.writeAll(data)
        }
    }

    private static func writeAll(_ data: Data) {
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(STDOUT_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0, errno == EINTR { continue }
                if written <= 0 { exit(errno == EPIPE ? 0 : 1) }
                offset += written
            }
        }
    }
}
