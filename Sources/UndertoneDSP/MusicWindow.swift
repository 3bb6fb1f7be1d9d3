/// Music probability of frame j: the mean `peakPersistence` of the audible frames in [j − history, j + lookahead].
///
/// Midpoint and slope were set on the eval calls (Scripts/peers/make_calls.py, SNR 6–30 dB): there, windows of
/// speech score at most 0.11 and 95 % of hold-music windows at least 0.15.
struct MusicWindow {
    private static let history = AnalysisLayout.musicHistoryFrames
    private static let lookahead = AnalysisLayout.lookaheadFrames
    /// Active frames needed before the window says anything.
    private static let minimumActive = 10
    /// Average persistence at which the probability is one half, and the slope around it.
    static let midpoint: Float = 0.13
    static let slope: Float = 60

    private var sum: Double = 0
    private var active = 0
    /// Frames [0, added) have entered the window.
    private var added = 0

    private(set) var probability: Float = 0

    /// Moves the window to centre frame `j`, `newest` being the last analysed frame.
    mutating func advance(to j: Int, newest: Int, frames: UnsafeMutablePointer<RawFrame>, mask: Int) {
        let last = min(newest, j + Self.lookahead)
        while added <= last {
            let frame = frames[added & mask]
            if frame.active { sum += Double(frame.peakPersistence); active += 1 }
            added += 1
        }
        let leaving = j - Self.history - 1
        if leaving >= 0 {
            let frame = frames[leaving & mask]
            if frame.active { sum -= Double(frame.peakPersistence); active -= 1 }
        }
        guard active >= Self.minimumActive else { probability = 0; return }
        let score = Float(sum / Double(active))
        probability = FastMath.sigmoid(Self.slope * (score - Self.midpoint))
    }
}
