/// Streaming analysis of one channel: push samples at `FrameClock.sampleRate` in blocks of any size, get one
/// `Frame` per 10 ms.
///
/// Frame `i` describes the instant `i × 10 ms`, the centre of its 45 ms window (the stream is padded with zeros
/// on the left). Frames come out `latencyFrames` late: frame `i` is delivered once the samples up to
/// `i × 80 + 180 + 80 × latencyFrames` have been pushed, because the pitch path, the speech/music decisions and the
/// syllable detector look ahead. `finish()` pads the end and delivers the rest. The frames do not depend on how the
/// samples were split into blocks.
///
/// State is fixed-size (about 100 KB) whatever the length of the call, and pushing allocates nothing, takes no
/// locks and does no reference counting per frame. Use one analyzer per channel, from one task at a time.
public final class ChannelAnalyzer {
    /// Frames of delay between a frame's window being complete and the frame being delivered.
    public static let latencyFrames = AnalysisLayout.lookaheadFrames
    /// Samples after a frame's instant that its own window needs (half the 45 ms window).
    public static let windowLookaheadSamples = AnalysisLayout.halfWindow

    private var core: AnalyzerCore

    /// An analyzer running `stages` (all of them unless timing stages separately), with the speech network's
    /// weights (loaded once, shared by every analyzer). `skipsSilence: false` runs the network on every chunk,
    /// plainly silent or not (for checking it against the original model).
    public init(stages: AnalysisStages = .all, voiceModel: SileroVoiceWeights, skipsSilence: Bool = true) {
        core = AnalyzerCore(stages: stages, voiceModel: voiceModel, skipsSilence: skipsSilence)
    }

    /// Analyzes `samples`, calling `sink` with each frame that becomes final, in order.
    public func push(_ samples: UnsafeBufferPointer<Float>, to sink: (Frame) -> Void) {
        core.push(samples, sink)
    }

    /// Analyzes `samples` and returns the frames that became final.
    public func push(_ samples: [Float]) -> [Frame] {
        var out: [Frame] = []
        out.reserveCapacity(samples.count / FrameClock.hopSamples + 1)
        samples.withUnsafeBufferPointer { push($0) { out.append($0) } }
        return out
    }

    /// Ends the stream: delivers every remaining frame (one per started 10 ms of input in all).
    public func finish(to sink: (Frame) -> Void) {
        core.finish(sink)
    }

    /// Ends the stream and returns the remaining frames.
    public func finish() -> [Frame] {
        var out: [Frame] = []
        finish { out.append($0) }
        return out
    }

    /// All frames of a whole channel at `FrameClock.sampleRate`.
    public static func analyze(samples: [Float], stages: AnalysisStages = .all, voiceModel: SileroVoiceWeights)
        -> FrameTrack {
        let analyzer = ChannelAnalyzer(stages: stages, voiceModel: voiceModel)
        var frames: [Frame] = []
        frames.reserveCapacity(samples.count / FrameClock.hopSamples + 1)
        samples.withUnsafeBufferPointer { analyzer.push($0) { frames.append($0) } }
        analyzer.finish { frames.append($0) }
        return FrameTrack(frames: frames)
    }
}
