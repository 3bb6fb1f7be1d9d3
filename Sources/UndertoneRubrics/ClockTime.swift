/// Call times as QA staff read them: `0:01.2`, `12:05.0`.
enum ClockTime {
    static func format(_ seconds: Double) -> String {
        let tenths = Int((max(0, seconds) * 10).rounded())
        let minutes = tenths / 600
        let rest = tenths % 600
        let secs = rest / 10
        return "\(minutes):\(secs < 10 ? "0" : "")\(secs).\(rest % 10)"
    }

    /// A duration: `7.2 s`.
    static func duration(_ seconds: Double) -> String {
        let rounded = (seconds * 10).rounded() / 10
        return rounded == rounded.rounded() ? "\(Int(rounded)) s" : "\(rounded) s"
    }
}
