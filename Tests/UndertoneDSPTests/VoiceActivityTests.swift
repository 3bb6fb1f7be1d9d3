import Testing
@testable import UndertoneDSP

@Suite struct VoiceActivityTests {
    private static let hop = FrameClock.hopSamples

    // Speech found in noise, the non-speech left by a silence of known length and the syllable count are tested
    // on real speech (RealClipTests): the speech network, trained on real voices, rightly does not call the
    // synthetic pulse-train "speech" of Synthetic.speechLike speech.

    @Test func stationaryTelephoneNoiseIsNeitherSpeechNorMusic() {
        let noise = Synthetic.telephone(Synthetic.whiteNoise(count: 6 * FrameClock.sampleRate, rms: 0.05, seed: 5))
        let frames = ChannelAnalyzer.analyze(samples: noise).frames
        #expect(frames.filter(\.isSpeech).count <= frames.count / 100)
        #expect(frames.allSatisfy { !$0.isMusic })
    }

    @Test func chordSequenceIsMusicNotSpeech() {
        let frames = ChannelAnalyzer.analyze(samples: Synthetic.telephone(Synthetic.chords(seconds: 8))).frames
        let settled = frames[100...]
        let music = Double(settled.filter(\.isMusic).count) / Double(settled.count)
        let speech = Double(frames.filter(\.isSpeech).count) / Double(frames.count)
        #expect(music > 0.9, "music on \(music)")
        #expect(speech < 0.02, "speech on \(speech)")
    }

    @Test func dtmfTonesAreMusicNotSpeech() {
        let frames = ChannelAnalyzer.analyze(samples: Synthetic.dtmf(seconds: 6)).frames
        let speech = Double(frames.filter(\.isSpeech).count) / Double(frames.count)
        let music = Double(frames[100...].filter(\.isMusic).count) / Double(frames.count - 100)
        #expect(speech < 0.02, "speech on \(speech)")
        #expect(music > 0.8, "music on \(music)")
    }
}
