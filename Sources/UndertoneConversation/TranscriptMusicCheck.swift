import UndertoneDSP
import UndertoneAudio
import UndertoneTranscripts

/// Overrules the hold evidence (the DSP's music decision, and tonal sound the speech network rules out) where the
/// transcript shows the party talking.
///
/// Hold music is not transcribed, so where a stretch of hold evidence on a party's line is largely covered by that
/// party's transcribed words, the covered frames are their voice (a steady, tonal voice can look like music to a
/// frame classifier, a synthetic or unusual voice can get no chance of speech from the network, and the music
/// decision smears past the voice's edges). A long stretch with only a stray word or two (a recogniser's
/// hallucination on music) stays hold evidence.
enum TranscriptMusicCheck {
    /// The share of a stretch of hold evidence that the party's words must cover for their frames in it to count as
    /// speech.
    static let coverageNeeded = 0.3
    /// Gaps between the party's words up to this long, inside such a stretch, are their pauses, not hold (1 s).
    static let pauseBetweenWordsFrames = 100

    /// `track` with the word-covered frames of the stretches of hold evidence that `role`'s words cover enough
    /// turned into speech.
    static func apply(to track: FrameTrack, words: [Word], role: Speaker) -> FrameTrack {
        let count = track.frames.count
        var covered = [Bool](repeating: false, count: count)
        for word in words where word.role == role {
            let lower = max(0, FrameClock.frame(at: word.start))
            let upper = min(count, FrameClock.frame(at: word.end))
            if lower < upper { for index in lower..<upper { covered[index] = true } }
        }
        var result = track
        var start = 0
        while start < count {
            guard isHoldEvidence(track.frames[start]) else {
                start += 1
                continue
            }
            var end = start
            while end < count, isHoldEvidence(track.frames[end]) { end += 1 }
            let coveredFrames = covered[start..<end].filter { $0 }.count
            if Double(coveredFrames) >= coverageNeeded * Double(end - start) {
                var lastCovered: Int?
                for index in start..<end where covered[index] {
                    result.frames[index].isMusic = false
                    result.frames[index].isSpeech = true
                    result.frames[index].speechProbability = max(result.frames[index].speechProbability, 0.5)
                    if let lastCovered, index - lastCovered - 1 <= pauseBetweenWordsFrames {
                        for pause in (lastCovered + 1)..<index { markAsPause(&result.frames[pause]) }
                    }
                    lastCovered = index
                }
            }
            start = end
        }
        return result
    }

    /// Not music, and a chance of speech high enough that the hold decision takes the frame for quiet.
    private static func markAsPause(_ frame: inout Frame) {
        frame.isMusic = false
        frame.speechProbability = max(frame.speechProbability, HoldSmoother.weakSpeechProbability)
    }

    private static func isHoldEvidence(_ frame: Frame) -> Bool {
        switch HoldSmoother.evidence(frame) {
        case .strong, .keyTone, .weak: true
        case .speech, .quiet: false
        }
    }
}
