public import UndertoneDSP
public import UndertoneAudio
public import UndertoneTranscripts

/// The prosody under one word, measured on the frames of its speaker's channel.
public struct WordProsody: Sendable, Codable, Equatable {
    /// Mean F0 of the word's voiced frames in Hz; nil when none is voiced.
    public var meanF0Hz: Double?
    /// Mean perceptual level of the word's frames in dB; nil when the track does not reach the word.
    public var loudnessDb: Double?
    /// Syllables per second over the word: detected syllable nuclei when the track marks them, otherwise
    /// syllables estimated from the spelling.
    public var syllableRate: Double
    /// Share of the word's frames that are voiced, 0…1.
    public var voicedShare: Double

    public init(meanF0Hz: Double?, loudnessDb: Double?, syllableRate: Double, voicedShare: Double) {
        self.meanF0Hz = meanF0Hz
        self.loudnessDb = loudnessDb
        self.syllableRate = syllableRate
        self.voicedShare = voicedShare
    }

    /// Measures `word` on `track`.
    /// - Parameter countNuclei: whether the track's `syllableNucleus` flags are trustworthy (some are set somewhere);
    ///   when false the syllables are estimated from the word's spelling.
    public static func measure(_ word: Word, on track: FrameTrack, countNuclei: Bool) -> WordProsody {
        let frames = track.frames(from: word.start, to: word.end)
        var f0Sum = 0.0, voiced = 0, loudnessSum = 0.0, nuclei = 0
        for frame in frames {
            loudnessSum += Double(frame.loudnessDb)
            if frame.voiced, frame.f0Hz > 0 {
                f0Sum += Double(frame.f0Hz)
                voiced += 1
            }
            if frame.syllableNucleus { nuclei += 1 }
        }
        let duration = max(word.end - word.start, FrameClock.hop)
        let syllables = countNuclei ? Double(nuclei) : Double(estimatedSyllables(in: word.text))
        return WordProsody(
            meanF0Hz: voiced > 0 ? f0Sum / Double(voiced) : nil,
            loudnessDb: frames.isEmpty ? nil : loudnessSum / Double(frames.count),
            syllableRate: syllables / duration,
            voicedShare: frames.isEmpty ? 0 : Double(voiced) / Double(frames.count)
        )
    }

    /// Vowel groups in the spelling, a silent final "e" discounted; at least one for any word with letters.
    static func estimatedSyllables(in text: String) -> Int {
        let letters = Array(text.lowercased().filter(\.isLetter))
        guard !letters.isEmpty else { return 0 }
        let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]
        var groups = 0
        var previousWasVowel = false
        for letter in letters {
            let isVowel = vowels.contains(letter)
            if isVowel, !previousWasVowel { groups += 1 }
            previousWasVowel = isVowel
        }
        if letters.count > 2, letters.last == "e", !vowels.contains(letters[letters.count - 2]), groups > 1 { groups -= 1 }
        return max(1, groups)
    }
}

/// A word with the prosody measured under it.
public struct ProsodicWord: Sendable, Equatable {
    public var word: Word
    /// Nil when no frame track covers the word's speaker.
    public var prosody: WordProsody?

    public init(word: Word, prosody: WordProsody?) {
        self.word = word
        self.prosody = prosody
    }
}

extension ProsodicWord {
    /// Attaches to each word the prosody of its speaker's channel: the word's own `channel` when the transcript gives
    /// one, else the channel that `channels` maps its role to, else the only track of a mono call.
    public static func fuse(_ words: [Word], tracks: [FrameTrack], channels: ChannelMap?) -> [ProsodicWord] {
        let nucleiMarked = tracks.map { $0.frames.contains(where: \.syllableNucleus) }
        return words.map { word in
            guard let channel = channel(of: word, trackCount: tracks.count, channels: channels) else {
                return ProsodicWord(word: word, prosody: nil)
            }
            let prosody = WordProsody.measure(word, on: tracks[channel], countNuclei: nucleiMarked[channel])
            return ProsodicWord(word: word, prosody: prosody)
        }
    }

    static func channel(of word: Word, trackCount: Int, channels: ChannelMap?) -> Int? {
        if let channel = word.channel, (0..<trackCount).contains(channel) { return channel }
        if trackCount == 1 { return 0 }
        guard let role = word.role else { return nil }
        return channels?.channel(of: role).flatMap { $0 < trackCount ? $0 : nil }
    }
}
