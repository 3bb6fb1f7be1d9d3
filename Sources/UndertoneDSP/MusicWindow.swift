/// Music probability of frame j from the frames in [j − history, j + lookahead]: the mean `peakPersistence` of
/// the audible frames, less a penalty for syllabic dips.
///
/// Persistent partials alone cannot tell a steady synthetic or sung voice from a held chord; speech, though,
/// keeps falling 15 dB or more below its own peaks between syllables (over a third of the frames of any 0.9 s
/// stretch when the line is clean), where hold music sustains. The penalty is the share of such frames above 20 %;
/// tones that are switched on and off (ring-back, DTMF) dip too, but their persistence is close to 1.
/// Midpoint and slope were set on the eval calls (Scripts/peers/make_calls.py, SNR 6–30 dB).
struct MusicWindow {
    private static let history = AnalysisLayout.musicHistoryFrames
    private static let lookahead = AnalysisLayout.lookaheadFrames
    /// Active frames needed before the window says anything.
    private static let minimumActive = 10
    static let midpoint: Float = 0.13
    static let slope: Float = 60
    private static let dipDb: Float = 15
    /// Dips are counted over a shorter stretch, [j − 70, j + lookahead], so that speech just before hold music
    /// does not hold back its detection for long.
    private static let dipHistory = 70
    private static let allowedDipShare: Float = 0.2

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
        var score = Float(sum / Double(active))
        // The dip scan only matters when the persistence alone is near or above the midpoint.
        if score > Self.midpoint - 0.1 {
            let dips = dipShare(from: max(0, j - Self.dipHistory), to: last, frames: frames, mask: mask)
            score -= max(0, dips - Self.allowedDipShare)
        }
        probability = FastMath.sigmoid(Self.slope * (score - Self.midpoint))
    }

    /// Share of frames in [first, last] more than `dipDb` below the loudest of them.
    private func dipShare(from first: Int, to last: Int, frames: UnsafeMutablePointer<RawFrame>, mask: Int) -> Float {
        var loudest: Float = -.infinity
        for f in first...last { loudest = max(loudest, frames[f & mask].bandLevelDb) }
        var dips = 0
        for f in first...last where frames[f & mask].bandLevelDb < loudest - Self.dipDb { dips += 1 }
        return Float(dips) / Float(last - first + 1)
    }
}
