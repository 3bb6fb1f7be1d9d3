import UndertoneDSP

@testable import UndertoneAnalysis
import UndertoneTestSupport
@testable import UndertoneConversation
@testable import UndertoneRubrics
@testable import UndertoneSentiment
@testable import UndertoneTranscripts

/// A generated call with a known layout, built frame by frame the way the DSP core would describe it.
struct SyntheticCall {
    /// One party's speech: when, and how it sounds.
    struct Speech {
        var start: Double
        var end: Double
        var loudnessDb: Float = -30
        var f0Hz: Float = 120
        /// Syllable nuclei per second.
        var syllableRate: Double = 4
    }

    var duration: Double
    var agent: [Speech] = []
    var customer: [Speech] = []
    /// Hold music, on the customer's line.
    var music: [(start: Double, end: Double)] = []
    /// Imitate a real VAD: 50 ms blips in silence, 100 ms dropouts in speech, and 250 ms of low-confidence
    /// hangover after each segment.
    var vadNoise = false
    /// Each line also carries the other party's speech this many dB down, and the VAD takes it for speech.
    var echoDb: Float?

    func tracks() -> (agent: FrameTrack, customer: FrameTrack) {
        var generator = SplitMix64(seed: 7)
        var agentTrack = track(agent, generator: &generator, hasMusic: false)
        var customerTrack = track(customer, generator: &generator, hasMusic: true)
        if let echoDb {
            let agentFrames = agentTrack.frames
            Self.addEcho(of: customerTrack.frames, to: &agentTrack.frames, downDb: echoDb)
            Self.addEcho(of: agentFrames, to: &customerTrack.frames, downDb: echoDb)
        }
        return (agentTrack, customerTrack)
    }

    private static func addEcho(of source: FrameTrack.Frames, to target: inout FrameTrack.Frames, downDb: Float) {
        for index in target.indices where source[index].isSpeech && !target[index].isSpeech {
            target[index] = source[index]
            target[index].loudnessDb -= downDb
            target[index].energyDb -= downDb
        }
    }

    /// Both parties' speech on one track, for mono tests.
    func mixedTrack() -> FrameTrack {
        var generator = SplitMix64(seed: 7)
        return track(agent + customer, generator: &generator, hasMusic: true)
    }

    private var frameCount: Int { Int((duration / FrameClock.hop).rounded()) }

    private func track(_ speech: [Speech], generator: inout SplitMix64, hasMusic: Bool) -> FrameTrack {
        var frames = [Frame](repeating: .silent, count: frameCount)
        for part in speech {
            let lower = FrameClock.frame(at: part.start)
            let upper = min(frameCount, FrameClock.frame(at: part.end))
            let nucleusEvery = max(1, Int((1 / part.syllableRate / FrameClock.hop).rounded()))
            for index in lower..<upper {
                frames[index] = Self.speechFrame(part, nucleus: (index - lower) % nucleusEvery == nucleusEvery / 2)
            }
            guard vadNoise else { continue }
            // Dropouts inside speech (shorter than the 200 ms bridge) and a hangover tail after it.
            var index = lower + 70
            while index + 10 < upper - 20 {
                for dropout in index..<(index + 10) { frames[dropout].isSpeech = false }
                index += 70 + Int(generator.next() % 80)
            }
            for tail in upper..<min(frameCount, upper + 25) where !frames[tail].isSpeech {
                frames[tail].isSpeech = true
                frames[tail].speechProbability = 0.2
                frames[tail].loudnessDb = Self.noiseFloorDb
            }
        }
        if hasMusic {
            for part in music {
                for index in FrameClock.frame(at: part.start)..<min(frameCount, FrameClock.frame(at: part.end)) {
                    frames[index] = Self.musicFrame
                }
            }
        }
        if vadNoise {
            // Blips of 50 ms in silence, at least 0.5 s away from speech and music.
            var index = 60
            while index < frameCount - 60 {
                if ((index - 50)..<(index + 55)).allSatisfy({ !frames[$0].isSpeech && !frames[$0].isMusic }) {
                    for blip in index..<(index + 5) {
                        frames[blip].isSpeech = true
                        frames[blip].speechProbability = 0.6
                        frames[blip].loudnessDb = Self.noiseFloorDb
                    }
                }
                index += 100 + Int(generator.next() % 150)
            }
        }
        return FrameTrack(frames: frames)
    }

    /// Loudness of line noise that a VAD mistakes for speech, dB.
    static let noiseFloorDb: Float = -55

    static func speechFrame(_ speech: Speech, nucleus: Bool) -> Frame {
        var frame = Frame.silent
        frame.energyDb = speech.loudnessDb
        frame.loudnessDb = speech.loudnessDb
        frame.f0Hz = speech.f0Hz
        frame.voiced = true
        frame.voicingConfidence = 0.9
        frame.hnrDb = 15
        frame.jitterLocal = 0.01
        frame.shimmerLocal = 0.05
        frame.syllableNucleus = nucleus
        frame.speechProbability = 0.9
        frame.isSpeech = true
        return frame
    }

    static var musicFrame: Frame {
        var frame = Frame.silent
        frame.loudnessDb = -25
        frame.energyDb = -25  // audible: the hold smoother takes music below −50 dBFS for quiet
        frame.musicProbability = 0.9
        frame.isMusic = true
        return frame
    }

    /// Transcript words spread evenly over a speech stretch.
    static func words(_ texts: [String], from start: Double, to end: Double, role: Speaker) -> [Word] {
        let step = (end - start) / Double(texts.count)
        return texts.enumerated().map { index, text in
            Word(
                speaker: role.rawValue, start: start + Double(index) * step,
                end: start + Double(index + 1) * step - 0.02,
                text: text, role: role)
        }
    }

    /// `count` filler words evenly over a stretch.
    static func words(count: Int, from start: Double, to end: Double, role: Speaker) -> [Word] {
        words(Array(repeating: "word", count: count), from: start, to: end, role: role)
    }
}

/// A small deterministic generator so layouts with noise are reproducible.
