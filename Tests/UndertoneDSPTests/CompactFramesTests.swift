import Testing
@testable import UndertoneDSP

/// A compact track (what batch analysis keeps of long calls) must give back exactly the fields the analysis layers
/// read, whatever is appended or overwritten, and 0 for the rest.
@Suite struct CompactFramesTests {
    /// Real frames of a voice with pauses and chords (StreamingTests' call): voiced and unvoiced runs across many
    /// 64-frame words.
    private static let frames = Array(ChannelAnalyzer.analyze(samples: StreamingTests.call).frames)

    /// What a compact track keeps of `frame`.
    private static func kept(_ frame: Frame) -> Frame {
        var kept = Frame.empty
        kept.energyDb = frame.energyDb
        kept.loudnessDb = frame.loudnessDb
        kept.speechProbability = frame.speechProbability
        kept.spectralFlatness = frame.spectralFlatness
        kept.spectralCentroidHz = frame.spectralCentroidHz
        kept.syllableNucleus = frame.syllableNucleus
        kept.isSpeech = frame.isSpeech
        kept.isMusic = frame.isMusic
        if frame.voiced {
            kept.voiced = true
            kept.f0Hz = frame.f0Hz
            kept.hnrDb = frame.hnrDb
            kept.jitterLocal = frame.jitterLocal
            kept.shimmerLocal = frame.shimmerLocal
        }
        return kept
    }

    private static func compact(_ frames: [Frame]) -> FrameTrack {
        var track = FrameTrack.compact()
        for frame in frames { track.append(frame) }
        return track
    }

    @Test func keepsTheFieldsTheAnalysisReads() {
        let voiced = Self.frames.filter(\.voiced).count
        #expect(voiced > 50 && voiced < Self.frames.count - 50, "the signal must mix voiced and unvoiced frames")
        let track = Self.compact(Self.frames)
        #expect(track.frames.count == Self.frames.count)
        #expect(Array(track.frames) == Self.frames.map(Self.kept))
        #expect(track.frames(from: 1, to: 2).map(\.f0Hz) == Self.frames[100..<200].map { Self.kept($0).f0Hz })
    }

    @Test func overwritingKeepsVoicedValuesInPlace() {
        var expected = Self.frames.map(Self.kept)
        var track = Self.compact(Self.frames)
        // Unvoiced → voiced, voiced → unvoiced and voiced → voiced, early and late, so later frames' slots move.
        let first = Self.frames.firstIndex { !$0.voiced }!
        let firstVoiced = Self.frames.firstIndex(where: \.voiced)!
        let lastVoiced = Self.frames.lastIndex(where: \.voiced)!
        var edits: [(Int, Frame)] = []
        var madeVoiced = Self.frames[first]
        madeVoiced.voiced = true
        madeVoiced.f0Hz = 99
        madeVoiced.hnrDb = 7
        edits.append((first, madeVoiced))
        var madeUnvoiced = Self.frames[firstVoiced]
        madeUnvoiced.voiced = false
        madeUnvoiced.f0Hz = 0
        edits.append((firstVoiced, madeUnvoiced))
        var retuned = Self.frames[lastVoiced]
        retuned.f0Hz = 321
        retuned.isMusic.toggle()
        retuned.speechProbability = 0.25
        edits.append((lastVoiced, retuned))
        for (index, frame) in edits {
            track.frames[index] = frame
            expected[index] = Self.kept(frame)
        }
        #expect(Array(track.frames) == expected)
        #expect(track == FrameTrack(frames: expected))
    }
}
