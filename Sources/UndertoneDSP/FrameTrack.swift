/// All frames of one channel of a finished call, frame `i` at `FrameClock.time(ofFrame: i)`.
public struct FrameTrack: Sendable, Equatable {
    /// The frames, one per 10 ms.
    public var frames: [Frame]

    public init(frames: [Frame] = []) {
        self.frames = frames
    }

    /// The duration the track covers, in seconds.
    public var duration: Double { Double(frames.count) * FrameClock.hop }

    /// The frames whose instants fall in `[start, end)` seconds, clamped to the track.
    public func frames(from start: Double, to end: Double) -> ArraySlice<Frame> {
        let lower = min(max(0, Int((start / FrameClock.hop).rounded(.up))), frames.count)
        let upper = min(max(lower, Int((end / FrameClock.hop).rounded(.up))), frames.count)
        return frames[lower..<upper]
    }
}
