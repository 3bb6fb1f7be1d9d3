import UndertoneDSP

/// Watches one channel for loudness well above that party's own running baseline.
///
/// The baseline is the mean loudness of the party's confident speech frames (a plain mean during warm-up, then an
/// exponential average with a 30 s time constant); frames that count as raised do not feed it, so sustained
/// shouting does not become the norm. The level compared with it is a 0.3 s exponential average.
struct RaisedVoiceDetector: Sendable {
    struct Finding: Sendable {
        var startFrame: Int
        var levelDb: Float
        var aboveDb: Float
    }

    private let thresholdDb: Float
    private let confidentProbability: Float
    private let requiredFrames: Int
    private let warmupFrames: Int
    private var baselineDb: Float = 0
    private var baselineFrames = 0
    private var levelDb: Float?
    private var raisedFrames = 0
    private var raisedStart = 0
    private var lastSpeechFrame = Int.min / 2

    private static let levelSmoothing: Float = 1 / 30
    private static let baselineSmoothing: Float = 1 / 3000
    /// A silence longer than this ends a raised stretch, in frames.
    private static let breakFrames = 50

    init(options: LiveAlertOptions) {
        confidentProbability = options.conversation.confidentSpeechProbability
        thresholdDb = options.raisedVoiceDb
        requiredFrames = max(1, Int((options.raisedVoiceSeconds / FrameClock.hop).rounded()))
        warmupFrames = max(1, Int((options.raisedVoiceWarmupSeconds / FrameClock.hop).rounded()))
    }

    /// Feeds frame `index`; `isSpeech` is the tracker's decision that the frame is this party's own speech.
    /// Returns a finding on the frame the raised stretch reaches the required length.
    mutating func advance(_ frame: Frame, isSpeech: Bool, index: Int) -> Finding? {
        // Hangover and uncertain frames are left out: they carry the noise floor, not the voice.
        guard isSpeech, frame.speechProbability >= confidentProbability, frame.loudnessDb.isFinite else {
            if index - lastSpeechFrame > Self.breakFrames { raisedFrames = 0 }
            return nil
        }
        lastSpeechFrame = index
        let level = levelDb.map { $0 + (frame.loudnessDb - $0) * Self.levelSmoothing } ?? frame.loudnessDb
        levelDb = level
        let above = level - baselineDb
        if baselineFrames >= warmupFrames, above >= thresholdDb {
            if raisedFrames == 0 { raisedStart = index }
            raisedFrames += 1
            return raisedFrames == requiredFrames
                ? Finding(startFrame: raisedStart, levelDb: level, aboveDb: above) : nil
        }
        raisedFrames = 0
        baselineFrames += 1
        let weight = max(Self.baselineSmoothing, 1 / Float(baselineFrames))
        baselineDb += (frame.loudnessDb - baselineDb) * weight
        return nil
    }
}
