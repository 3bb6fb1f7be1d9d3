import UndertoneDSP

/// Watches one party's speaking rate the way the report measures it — syllable nuclei ÷ `syllablesPerWord` per
/// minute of talk time, pauses excluded — over their last `fastSpeechWindowSeconds` of speech, in fixed rings.
///
/// A window of talk time, not of the clock: the report's rate is over talk time too, and 4 s (the old window) held
/// so few syllables that ordinary speech read about 25 % above its own average at its fastest (English speech of
/// the real-audio set: the fastest 4 s crossed 260 wpm in 5 of 10 files, the fastest 10 s of talk in none;
/// `Scripts/realaudio/speaking_rate.py`).
struct FastSpeechDetector: Sendable {
    /// The frame index of each of the party's last speech frames, oldest at `position` once the ring is full.
    private var frameIndex: [Int]
    private var isNucleus: [Bool]
    private var position = 0
    private var filled = 0
    private var nuclei = 0
    private let thresholdNuclei: Int
    private let syllablesPerWord: Double

    init(options: LiveAlertOptions) {
        let frames = max(1, Int((options.fastSpeechWindowSeconds / FrameClock.hop).rounded()))
        frameIndex = [Int](repeating: 0, count: frames)
        isNucleus = [Bool](repeating: false, count: frames)
        syllablesPerWord = options.conversation.syllablesPerWord
        let nucleiPerSecond = options.fastSpeechWordsPerMinute * syllablesPerWord / 60
        thresholdNuclei = Int((nucleiPerSecond * Double(frames) * FrameClock.hop).rounded(.up))
    }

    /// The window's talk time, seconds.
    var windowSeconds: Double { Double(frameIndex.count) * FrameClock.hop }

    /// Feeds frame `index`, with the tracker's decision that it is this party's own speech; when the party's last
    /// `windowSeconds` of speech are fast, returns their estimated words per minute and the frame that window
    /// starts at.
    mutating func advance(_ frame: Frame, isSpeech: Bool, index: Int) -> (wordsPerMinute: Double, startFrame: Int)? {
        guard isSpeech else { return nil }
        if isNucleus[position] { nuclei -= 1 }
        let nucleus = frame.syllableNucleus
        if nucleus { nuclei += 1 }
        frameIndex[position] = index
        isNucleus[position] = nucleus
        position = position + 1 == frameIndex.count ? 0 : position + 1
        filled = min(filled + 1, frameIndex.count)
        guard filled == frameIndex.count, nuclei >= thresholdNuclei else { return nil }
        let wordsPerMinute = Double(nuclei) / syllablesPerWord / (windowSeconds / 60)
        return (wordsPerMinute, frameIndex[position])
    }
}
