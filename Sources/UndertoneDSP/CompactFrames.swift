/// The frames of a long call in the fields the analysis layers read, about 15 bytes per frame plus 16 per voiced
/// frame instead of 76 (issue 16: `analyze` of a four-hour stereo call peaks at 102 MB instead of 253; BENCHMARKS.md).
///
/// Kept exactly (reports are unchanged): `energyDb`, `loudnessDb`, `speechProbability`, the four decisions
/// (`voiced`, `syllableNucleus`, `isSpeech`, `isMusic`), `spectralFlatness` (one byte: the DSP emits it in steps of
/// 1/255, which the hold decision reads), `spectralCentroidHz` (one byte: steps of 16 Hz, read by the hold decision
/// too), and — on voiced frames only, where they are measured —
/// `f0Hz`, `hnrDb`, `jitterLocal` and `shimmerLocal`. Read back, a frame has the other fields 0, and those four 0
/// when it is unvoiced. Voiced-only values are stored densely in frame order; a frame finds its slot by counting
/// the voiced frames before it (a bit set with a running count per 64 frames).
struct CompactFrames: Sendable, Equatable {
    private var energyDb: [Float] = []
    private var loudnessDb: [Float] = []
    private var speechProbability: [Float] = []
    /// `spectralFlatness` × `Frame.flatnessSteps`, exact for the DSP's quantized values.
    private var flatnessSteps: [UInt8] = []
    /// `spectralCentroidHz` / `Frame.centroidStepHz`, exact for the DSP's quantized values.
    private var centroidSteps: [UInt8] = []
    private var decisions: [UInt8] = []
    /// Bit `i % 64` of word `i / 64`: frame `i` is voiced.
    private var voicedBits: [UInt64] = []
    /// Voiced frames before word `w` of `voicedBits`.
    private var voicedBefore: [Int32] = []
    private var voiced: [VoicedValues] = []

    private struct VoicedValues: Sendable, Equatable {
        var f0Hz: Float
        var hnrDb: Float
        var jitterLocal: Float
        var shimmerLocal: Float
    }

    private static let syllableNucleus: UInt8 = 1
    private static let isSpeech: UInt8 = 2
    private static let isMusic: UInt8 = 4

    var count: Int { decisions.count }

    mutating func reserveCapacity(_ capacity: Int) {
        energyDb.reserveCapacity(capacity)
        loudnessDb.reserveCapacity(capacity)
        speechProbability.reserveCapacity(capacity)
        flatnessSteps.reserveCapacity(capacity)
        centroidSteps.reserveCapacity(capacity)
        decisions.reserveCapacity(capacity)
        voicedBits.reserveCapacity(capacity / 64 + 1)
        voicedBefore.reserveCapacity(capacity / 64 + 1)
    }

    mutating func append(_ frame: Frame) {
        let index = count
        if index % 64 == 0 {
            voicedBits.append(0)
            voicedBefore.append(Int32(voiced.count))
        }
        energyDb.append(frame.energyDb)
        loudnessDb.append(frame.loudnessDb)
        speechProbability.append(frame.speechProbability)
        flatnessSteps.append(Frame.flatnessStep(of: frame.spectralFlatness))
        centroidSteps.append(Frame.centroidStep(of: frame.spectralCentroidHz))
        decisions.append(Self.decisions(of: frame))
        if frame.voiced {
            voicedBits[index / 64] |= 1 << UInt64(index % 64)
            voiced.append(Self.voicedValues(of: frame))
        }
    }

    subscript(index: Int) -> Frame {
        get {
            let flags = decisions[index]
            var frame = Frame.empty
            frame.energyDb = energyDb[index]
            frame.loudnessDb = loudnessDb[index]
            frame.speechProbability = speechProbability[index]
            frame.spectralFlatness = Float(flatnessSteps[index]) / Frame.flatnessSteps
            frame.spectralCentroidHz = Float(centroidSteps[index]) * Frame.centroidStepHz
            frame.syllableNucleus = flags & Self.syllableNucleus != 0
            frame.isSpeech = flags & Self.isSpeech != 0
            frame.isMusic = flags & Self.isMusic != 0
            if isVoiced(index) {
                let values = voiced[voicedSlot(index)]
                frame.voiced = true
                frame.f0Hz = values.f0Hz
                frame.hnrDb = values.hnrDb
                frame.jitterLocal = values.jitterLocal
                frame.shimmerLocal = values.shimmerLocal
            }
            return frame
        }
        set {
            energyDb[index] = newValue.energyDb
            loudnessDb[index] = newValue.loudnessDb
            speechProbability[index] = newValue.speechProbability
            flatnessSteps[index] = Frame.flatnessStep(of: newValue.spectralFlatness)
            centroidSteps[index] = Frame.centroidStep(of: newValue.spectralCentroidHz)
            decisions[index] = Self.decisions(of: newValue)
            let slot = voicedSlot(index)
            switch (isVoiced(index), newValue.voiced) {
            case (true, true):
                voiced[slot] = Self.voicedValues(of: newValue)
            case (false, true):
                voiced.insert(Self.voicedValues(of: newValue), at: slot)
                voicedBits[index / 64] |= 1 << UInt64(index % 64)
                for word in (index / 64 + 1)..<voicedBefore.count { voicedBefore[word] += 1 }
            case (true, false):
                voiced.remove(at: slot)
                voicedBits[index / 64] &= ~(1 << UInt64(index % 64))
                for word in (index / 64 + 1)..<voicedBefore.count { voicedBefore[word] -= 1 }
            case (false, false):
                break
            }
        }
    }

    private func isVoiced(_ index: Int) -> Bool {
        voicedBits[index / 64] >> UInt64(index % 64) & 1 != 0
    }

    /// The position of frame `index`'s voiced values: the number of voiced frames before it.
    private func voicedSlot(_ index: Int) -> Int {
        let below: UInt64 = (1 << UInt64(index % 64)) &- 1
        return Int(voicedBefore[index / 64]) + (voicedBits[index / 64] & below).nonzeroBitCount
    }

    private static func decisions(of frame: Frame) -> UInt8 {
        (frame.syllableNucleus ? syllableNucleus : 0) | (frame.isSpeech ? isSpeech : 0) | (frame.isMusic ? isMusic : 0)
    }

    private static func voicedValues(of frame: Frame) -> VoicedValues {
        VoicedValues(
            f0Hz: frame.f0Hz, hnrDb: frame.hnrDb, jitterLocal: frame.jitterLocal, shimmerLocal: frame.shimmerLocal
        )
    }
}

extension Frame {
    /// Every field 0 and every decision false: what a compact track's frame starts from.
    static let empty = Frame(
        energyDb: 0, loudnessDb: 0, spectralCentroidHz: 0, spectralFlatness: 0, spectralRolloffHz: 0,
        spectralFlux: 0, zeroCrossingRate: 0, f0Hz: 0, voiced: false, voicingConfidence: 0, hnrDb: 0,
        jitterLocal: 0, shimmerLocal: 0, syllableNucleus: false, speechProbability: 0, isSpeech: false,
        musicProbability: 0, isMusic: false, snrDb: 0
    )
}
