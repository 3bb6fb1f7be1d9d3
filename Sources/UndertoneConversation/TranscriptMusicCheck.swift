import UndertoneDSP
import UndertoneAudio
import UndertoneTranscripts

/// Overrules the DSP's music decision where the transcript shows the party talking.
///
/// Hold music is not transcribed, so where a stretch the DSP calls music on a party's line is largely covered by
/// that party's transcribed words, the covered frames are their voice (a steady, tonal voice can look like music
/// to a frame classifier, and the music decision smears past the voice's edges). A long stretch with only a stray
/// word or two (a recogniser's hallucination on music) stays music.
enum TranscriptMusicCheck {
    /// The share of a music stretch that the party's words must cover for their frames in it to count as speech.
    static let coverageNeeded = 0.3

    /// `track` with the word-covered frames of music stretches that `role`'s words cover enough turned into speech.
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
            guard track.frames[start].isMusic else {
                start += 1
                continue
            }
            var end = start
            while end < count, track.frames[end].isMusic { end += 1 }
            let coveredFrames = covered[start..<end].filter { $0 }.count
            if Double(coveredFrames) >= coverageNeeded * Double(end - start) {
                for index in start..<end where covered[index] {
                    result.frames[index].isMusic = false
                    result.frames[index].isSpeech = true
                    result.frames[index].speechProbability = max(result.frames[index].speechProbability, 0.5)
                }
            }
            start = end
        }
        return result
    }
}
