import UndertoneDSP

/// Watches one channel's syllable rate over a trailing window, in a fixed ring buffer.
struct FastSpeechDetector: Sendable {
    private var ring: [UInt8]
    private var position = 0
    private var speechFrames = 0
    private var nuclei = 0
    private let thresholdNucleiPerSecond: Double
    private let syllablesPerWord: Double

    private static let speechBit: UInt8 = 1
    private static let nucleusBit: UInt8 = 2
    /// The window must be at least this much speech before a rate is trusted.
    private static let minimumSpeechShare = 0.75

    init(options: LiveAlertOptions) {
        let frames = max(1, Int((options.fastSpeechWindowSeconds / FrameClock.hop).rounded()))
        ring = [UInt8](repeating: 0, count: frames)
        syllablesPerWord = options.conversation.syllablesPerWord
        thresholdNucleiPerSecond = options.fastSpeechWordsPerMinute * syllablesPerWord / 60
    }

    /// The window length, seconds.
    var windowSeconds: Double { Double(ring.count) * FrameClock.hop }

    /// Feeds one frame, with the tracker's decision that it is this party's own speech; returns the estimated
    /// words per minute when the window is fast.
    mutating func advance(_ frame: Frame, isSpeech: Bool) -> Double? {
        let bits = (isSpeech ? Self.speechBit : 0) | (isSpeech && frame.syllableNucleus ? Self.nucleusBit : 0)
        let old = ring[position]
        speechFrames += Int(bits & Self.speechBit) - Int(old & Self.speechBit)
        nuclei += Int((bits & Self.nucleusBit) >> 1) - Int((old & Self.nucleusBit) >> 1)
        ring[position] = bits
        position = (position + 1) % ring.count
        guard Double(speechFrames) >= Self.minimumSpeechShare * Double(ring.count) else { return nil }
        let rate = Double(nuclei) / (Double(speechFrames) * FrameClock.hop)
        return rate >= thresholdNucleiPerSecond ? rate * 60 / syllablesPerWord : nil
    }
}
