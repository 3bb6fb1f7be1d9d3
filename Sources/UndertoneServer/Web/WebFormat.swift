import Foundation

/// How the replay pages write times and numbers.
enum WebFormat {
    /// `64.92` → `1:04.9`; an hour or more → `1:02:03.4`.
    static func time(_ seconds: Double) -> String {
        let tenths = Int((max(0, seconds) * 10).rounded(.down))
        let hours = tenths / 36000, minutes = tenths / 600 % 60, secs = tenths / 10 % 60, tenth = tenths % 10
        let tail = String(format: "%02d.%d", secs, tenth)
        return hours > 0 ? String(format: "%d:%02d:", hours, minutes) + tail : "\(minutes):" + tail
    }

    /// A position on the timeline, percent of the call.
    static func percent(_ seconds: Double, of duration: Double) -> String {
        String(format: "%.3f", duration > 0 ? min(100, max(0, seconds / duration * 100)) : 0)
    }

    /// A width on the timeline, at least a sliver so that short events stay visible.
    static func width(_ seconds: Double, of duration: Double) -> String {
        String(format: "%.3f", duration > 0 ? max(0.15, min(100, seconds / duration * 100)) : 0)
    }

    static func seconds(_ value: Double) -> String { String(format: "%.2f", value) }

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
