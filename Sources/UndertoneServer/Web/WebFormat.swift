import Foundation

/// How the replay pages write times and numbers.
enum WebFormat {
    /// `64.92` → `1:04.9`; an hour or more → `1:02:03.4` (`HTMLWriter.time`).
    static func time(_ seconds: Double) -> String { HTMLWriter.string { $0.time(seconds) } }

    /// A position on the timeline, percent of the call.
    static func percent(_ seconds: Double, of duration: Double) -> String {
        HTMLWriter.string { $0.number(duration > 0 ? min(100, max(0, seconds / duration * 100)) : 0, decimals: 3) }
    }

    /// A width on the timeline, at least a sliver so that short events stay visible.
    static func width(_ seconds: Double, of duration: Double) -> String {
        HTMLWriter.string { $0.number(duration > 0 ? max(0.15, min(100, seconds / duration * 100)) : 0, decimals: 3) }
    }

    static func seconds(_ value: Double) -> String { HTMLWriter.string { $0.number(value, decimals: 2) } }

    static func date(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle().year().month().day().dateTimeSeparator(.space).time(includingFractionalSeconds: false))
    }

    /// The words people read for a moment kind or pause kind.
    static func label(_ kind: String) -> String {
        switch kind {
        case "deadAir": "Dead air"
        case "longHold": "Long hold"
        case "hold": "Hold"
        case "gap": "Gap"
        case "interruption": "Interruption"
        case "backchannel": "Backchannel"
        case "sentimentDrop": "Sentiment drop"
        case "turningPoint": "Turning point"
        case "backfirePhrase": "Backfire phrase"
        case "failedCriterion": "Failed criterion"
        case "confirmed": "Confirmed"
        case "falseAlarm": "False alarm"
        case "pass": "Pass"
        case "fail": "Fail"
        case "na": "N/A"
        default: kind
        }
    }
}
