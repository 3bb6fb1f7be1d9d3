/// The cascade in front of the speech network: which 32 ms chunks are so plainly silent that the network need not
/// run on them.
///
/// A chunk is plainly silent when its level is below `absoluteDb`, or within `marginDb` of the line's noise floor
/// (a running minimum of chunk levels that rises by at most `floorRiseDb` per chunk) while also below `ceilingDb`.
/// Only after `settleChunks` such chunks in a row does the gate skip: the network's probability decays over the
/// first chunks after speech, and the hysteresis reads that decay.
struct SilenceGate {
    static let absoluteDb: Float = -60
    static let marginDb: Float = 3
    static let ceilingDb: Float = -45
    static let floorRiseDb: Float = 0.05
    static let settleChunks = 3
    /// After this many plainly silent chunks in a row (0.5 s) the network's recurrent state is forgotten: Silero
    /// carries 25 s of hold music in its LSTM state and then misses the speech that follows (on the real-audio
    /// calls, recall after music fell to near zero), while a stream's first chunks are decided well.
    static let forgetChunks = 16

    private var floorDb: Float = 0
    /// Plainly silent chunks in a row, up to the last one checked.
    private(set) var silentRun = 0

    /// Whether the network may skip this chunk.
    mutating func skips(_ chunk: UnsafePointer<Float>, count: Int) -> Bool {
        var energy: Float = 0
        for i in 0..<count { energy += chunk[i] * chunk[i] }
        let level = FastMath.decibels(power: energy / Float(count))
        floorDb = min(level, floorDb + Self.floorRiseDb)
        let silent = level < Self.absoluteDb || (level < floorDb + Self.marginDb && level < Self.ceilingDb)
        silentRun = silent ? silentRun + 1 : 0
        return silentRun > Self.settleChunks
    }
}
