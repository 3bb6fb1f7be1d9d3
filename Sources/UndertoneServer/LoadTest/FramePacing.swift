/// The load generator's timeline arithmetic: 20 ms Twilio frames ("slots", one message per track each), when each
/// is due, which slot an alert's `audioTime` was completed by, and when each stream starts.
enum FramePacing {
    /// One Twilio media message: 20 ms of μ-law at 8 kHz, 160 bytes.
    static let frameMilliseconds = 20
    static let frameBytes = 160

    /// Slots in `seconds` of audio (whole frames only).
    static func slots(seconds: Double) -> Int {
        max(0, Int((seconds * 1000).rounded()) / frameMilliseconds)
    }

    /// When slot `slot` is due, in seconds after the stream's first frame.
    static func due(slot: Int) -> Double { Double(slot * frameMilliseconds) / 1000 }

    /// The slot whose audio took the stream to `audioTime`: the server stamps an alert with the stream position
    /// after the push that raised it, and slot k ends at (k + 1) × 20 ms, so the first slot ending at or after it.
    /// `audioTime` is rounded to the millisecond first, as the alert JSON is.
    static func slot(completedBy audioTime: Double) -> Int {
        let milliseconds = Int((audioTime * 1000).rounded())
        return max(0, (milliseconds + frameMilliseconds - 1) / frameMilliseconds - 1)
    }

    /// When stream `index` of `count` starts, in seconds after the first: spread evenly over `ramp` seconds.
    static func startOffset(stream index: Int, of count: Int, ramp: Double) -> Double {
        count <= 1 ? 0 : ramp * Double(index) / Double(count)
    }
}
