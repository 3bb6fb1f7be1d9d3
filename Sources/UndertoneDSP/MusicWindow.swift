/// Music probability of frame j from the frames in [j − history, j + lookahead]: the mean `peakPersistence` of
/// the active frames plus a fifth of the share of frames that are active.
///
/// Speech leaves the line idle between phrases and bursts at the syllable rate (about half the frames active);
/// hold music fills it (nearly all). Midpoint and slope were set on the eval calls (Scripts/peers), where speech
/// windows score at most 0.26 and hold-music windows at least 0.38.
struct MusicWindow {
    private static let history = AnalysisLayout.musicHistoryFrames
    private static let lookahead = AnalysisLayout.lookaheadFrames
    /// Active frames needed before the window says anything.
    private static let minimumActive = 20
    /// Average persistence at which the probability is one half, and the slope around it.
    static let midpoint: Float = 0.31
    static let slope: Float = 40
    static let activityWeight: Float = 0.2

    private var sum: Double = 0
    private var active = 0
    private var inWindow = 0
    /// Frames [0, added) have entered the window.
    private var added = 0

    private(set) var probability: Float = 0

    /// Moves the window to centre frame `j`, `newest` being the last analysed frame.
    mutating func advance(to j: Int, newest: Int, frames: UnsafeMutablePointer<RawFrame>, mask: Int) {
        let last = min(newest, j + Self.lookahead)
        while added <= last {
            let frame = frames[added & mask]
            if frame.active { sum += Double(frame.peakPersistence); active += 1 }
            inWindow += 1
            added += 1
        }
        let leaving = j - Self.history - 1
        if leaving >= 0 {
            let frame = frames[leaving & mask]
            if frame.active { sum -= Double(frame.peakPersistence); active -= 1 }
            inWindow -= 1
        }
        guard active >= Self.minimumActive else { probability = 0; return }
        let score = Float(sum / Double(active)) + Self.activityWeight * Float(active) / Float(inWindow)
        probability = FastMath.sigmoid(Self.slope * (score - Self.midpoint))
    }
}
