import Testing
@testable import UndertoneDSP

@Suite struct VoiceActivityTests {
    private static let hop = FrameClock.hopSamples

    /// Frames [first, last) of each truth span, shrunk by `collar` frames at both ends.
    private func frames(_ spans: [(Int, Int)], collar: Int) -> [Int] {
        spans.flatMap { ($0.0 + collar)..<($0.1 - collar) }
    }

    @Test func speechIsFoundInStationaryNoiseAtSixDecibels() {
        let speech = Synthetic.speechLike(seconds: 2)
        let gap = [Float](repeating: 0, count: 12000)
        let signal = gap + speech + gap + Synthetic.speechLike(seconds: 2, f0: 220) + gap
        let noiseRms = Synthetic.rms(speech) / 2  // 6 dB below the speech
        let noise = Synthetic.telephone(Synthetic.whiteNoise(count: signal.count, rms: noiseRms * 1.6, seed: 5))
        let scale = noiseRms / Synthetic.rms(noise)
        let frames = ChannelAnalyzer.analyze(samples: zip(signal, noise).map { $0 + $1 * Float(scale) }).frames
        let speechSpans = [(150, 350), (500, 700)]
        let inSpeech = self.frames(speechSpans, collar: 5)
        let recall = Double(inSpeech.filter { frames[$0].isSpeech }.count) / Double(inSpeech.count)
        #expect(recall > 0.9, "recall \(recall)")
        let noiseOnly = self.frames([(0, 150), (350, 500), (700, frames.count)], collar: 12)
        let falseAlarms = Double(noiseOnly.filter { frames[$0].isSpeech }.count) / Double(noiseOnly.count)
        #expect(falseAlarms < 0.03, "false alarms \(falseAlarms)")
        #expect(frames.allSatisfy { !$0.isMusic })
    }

    @Test func silenceOfKnownLengthLeavesTheNonSpeechFramesTheHangoverAllows() {
        // 1.5 s speech, 1.00 s of digital silence, 1.5 s speech: the silence spans frames 150…249.
        let signal = Synthetic.speechLike(seconds: 1.5) + [Float](repeating: 0, count: 8000) + Synthetic.speechLike(seconds: 1.5)
        let frames = ChannelAnalyzer.analyze(samples: signal).frames
        let silent = (150..<250).filter { !frames[$0].isSpeech }
        // Hangover after, pre-roll before; the 45 ms window may reach up to 2 frames into the silence each side.
        let most = 100 - 2 * SpeechHysteresis.padFrames
        #expect((most - 4)...most ~= silent.count, "\(silent.count) non-speech frames, expected \(most - 4)…\(most)")
        // …and they form one run, in the middle of the silence.
        #expect(silent.last! - silent.first! + 1 == silent.count)
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

    @Test func otherPartysEchoThirtyDecibelsDownIsNotSpeech() {
        // Own speech, then 3 s where only the other party's echo (30 dB down) is on the line.
        let own = Synthetic.speechLike(seconds: 2)
        let echo = Synthetic.speechLike(seconds: 3, f0: 210).map { $0 * 0.0316 }
        let noise = Synthetic.whiteNoise(count: own.count + echo.count, rms: 0.0003, seed: 2)
        let frames = ChannelAnalyzer.analyze(samples: zip(own + echo, noise).map { $0 + $1 }).frames
        let echoFrames = frames[215..<500]
        #expect(echoFrames.filter(\.isSpeech).count <= 3)
        #expect(frames[10..<190].filter(\.isSpeech).count >= 170)
    }
}
