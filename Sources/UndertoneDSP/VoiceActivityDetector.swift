/// Frame-level speech likelihood from band SNRs against an adaptive noise floor, periodicity and level.
///
/// Noise floor: per band, minimum statistics (Martin 2001, simplified) of the smoothed band power over the last
/// ~3 s, times a bias correction. Speech level: a peak-following average of frames that are confidently speech,
/// so that the other party's line echo (~30 dB down) stays below the relative-level gate.
struct VoiceActivityDetector: ~Copyable {
    /// Band edges in Hz: four bands covering the telephone band.
    private static let edgesHz: [Float] = [300, 700, 1400, 2400, 3400]
    static let bandCount = 4
    private static let blockFrames = 25
    private static let blockHistory = 12
    /// Minimum statistics underestimate the mean noise power; this is the correction (+3 dB).
    private static let noiseBias: Float = 2
    /// Frames whose band power is below this multiple of the noise estimate count as noise for the mean noise
    /// estimate (as in the second pass of Cohen's IMCRA, 2003): the minimum of a few dozen correlated bins of pink
    /// noise lies several dB below its mean, further than the fixed bias corrects, which made noise read as 2–4 dB
    /// SNR. The noise floor is the larger of this mean (capped by `noiseMeanCeiling`) and the bias-corrected minimum.
    private static let noiseAbsenceRatio: Float = 2
    /// Weight of a noise frame in the mean noise estimate (time constant 0.5 s).
    private static let noiseMeanRate: Float = 0.02
    /// The mean starts at the bias-corrected minimum and may not exceed it by more than this (9 dB): a signal that
    /// never pauses (tones, music at the start of a stream) must not become its own noise floor.
    private static let noiseMeanCeiling: Float = 8
    /// Frames this periodic or more never count as noise: a call that opens with speech or music must not teach
    /// the mean its own level.
    private static let noisePeriodicity: Float = 0.5
    /// The first frame whose window lies wholly inside the stream.
    private static let firstFullWindowFrame = (AnalysisLayout.halfWindow + FrameClock.hopSamples - 1)
        / FrameClock.hopSamples
    /// Frames quieter than this (telephone band, dBFS) are not speech whatever the SNR.
    static let absoluteFloorDb: Float = -60
    /// Frames more than this far below the running speech level are not speech (echo, crosstalk).
    static let relativeFloorDb: Float = 20
    /// The speech level assumed before the channel's own speaker has been heard (telephone band, dBFS): the loud
    /// vowels of speech at the nominal −26 dBov active level (ITU-T P.56) reach about −25 dBFS. Echo of the other
    /// party arriving before the channel's own speaker says anything is held against it.
    static let initialSpeechLevelDb: Float = -25

    private let edges: UnsafeMutablePointer<Int>
    private let smoothed: UnsafeMutablePointer<Float>
    private let blockMinimum: UnsafeMutablePointer<Float>
    /// `blockHistory` × `bandCount` minima of past blocks.
    private let history: UnsafeMutablePointer<Float>
    private let noise: UnsafeMutablePointer<Float>
    /// Per band, the mean power of the frames taken as noise; 0 until the first.
    private let noiseMean: UnsafeMutablePointer<Float>
    private var framesInBlock = 0
    private var framesSeen = 0
    private var blocks = 0
    /// The noise floor's power in the bands, as of the last frame (spectrum units).
    private(set) var noisePower: Float = 0

    /// Running level of confidently voiced speech (loud vowels), telephone band dBFS.
    private(set) var speechLevelDb: Float = initialSpeechLevelDb

    init() {
        let n = Self.bandCount
        edges = .allocate(capacity: n + 1)
        for i in 0...n { edges[i] = AnalysisLayout.bin(ofHz: Self.edgesHz[i]) }
        smoothed = .allocate(capacity: n); smoothed.initialize(repeating: 0, count: n)
        blockMinimum = .allocate(capacity: n); blockMinimum.initialize(repeating: .infinity, count: n)
        history = .allocate(capacity: n * Self.blockHistory)
        history.initialize(repeating: .infinity, count: n * Self.blockHistory)
        noise = .allocate(capacity: n); noise.initialize(repeating: 0, count: n)
        noiseMean = .allocate(capacity: n); noiseMean.initialize(repeating: 0, count: n)
    }

    deinit {
        edges.deallocate(); smoothed.deallocate(); blockMinimum.deallocate(); history.deallocate(); noise.deallocate()
        noiseMean.deallocate()
    }

    /// Updates the noise floor with this frame and fills `bandSnrDb`, `active` and `speechLikelihood`
    /// (`periodicity` and `bandLevelDb` must already be set). While music is playing (`duringMusic`, the latest
    /// music decision) neither the noise floor nor the speech level learn from the frame: hold music must not
    /// become the noise floor that the speech after it is measured against.
    mutating func measure(power: UnsafePointer<Float>, duringMusic: Bool, into raw: inout RawFrame) {
        let n = Self.bandCount
        // Absolute floor per band: -90 dBFS-ish in spectrum units, so digital silence does not divide by zero.
        let floorPower: Float = 1e-6
        var snrSum: Float = 0, signal: Float = 0, noiseTotal: Float = 0
        // Periodic frames (voiced speech, notes) are not noise, and the first frames' windows reach into the zero
        // padding before the stream: too quiet to learn noise from.
        let learning = !duringMusic && framesSeen >= Self.firstFullWindowFrame
            && raw.periodicity < Self.noisePeriodicity
        for b in 0..<n {
            var e: Float = 0
            for k in edges[b]..<edges[b + 1] { e += power[k] }
            smoothed[b] = framesInBlock == 0 && blocks == 0 && smoothed[b] == 0 ? e : 0.7 * smoothed[b] + 0.3 * e
            if !duringMusic { blockMinimum[b] = min(blockMinimum[b], smoothed[b]) }
            var floor = blockMinimum[b]
            for h in 0..<Self.blockHistory { floor = min(floor, history[h * n + b]) }
            let minimum = max(floor * Self.noiseBias, floorPower)
            if learning {
                if noiseMean[b] == 0 { noiseMean[b] = minimum }
                if e < max(minimum, noiseMean[b]) * Self.noiseAbsenceRatio {
                    noiseMean[b] += Self.noiseMeanRate * (e - noiseMean[b])
                }
            }
            noise[b] = max(minimum, min(noiseMean[b], minimum * Self.noiseMeanCeiling))
            let snr = min(30, max(0, FastMath.decibels(power: e / noise[b])))
            snrSum += snr
            signal += e
            noiseTotal += noise[b]
        }
        framesSeen += 1
        if !duringMusic { framesInBlock += 1 }
        if framesInBlock == Self.blockFrames {
            let slot = blocks % Self.blockHistory
            for b in 0..<n {
                history[slot * n + b] = blockMinimum[b]
                blockMinimum[b] = .infinity
            }
            blocks += 1
            framesInBlock = 0
        }
        raw.bandSnrDb = snrSum / Float(n)
        noisePower = noiseTotal

        // Evidence: SNR (saturating, so that a loud echo cannot outvote the level gate), periodicity, and two
        // level gates: absolute, and relative to the channel's own speech level.
        var z = 1.2 * (min(raw.bandSnrDb, 8) - 1.5) + 4 * (raw.periodicity - 0.5)
        z += 0.5 * min(0, raw.bandLevelDb - Self.absoluteFloorDb)
        z += 3 * min(0, raw.bandLevelDb - (speechLevelDb - Self.relativeFloorDb))
        raw.speechLikelihood = FastMath.sigmoid(z)
        // Audible: something is on the line above the noise floor (for the music detector), speech or not.
        raw.active = raw.bandLevelDb > Self.absoluteFloorDb && signal > 1.26 * noiseTotal

        if !duringMusic && raw.speechLikelihood > 0.95 && raw.periodicity > 0.6 {
            let level = raw.bandLevelDb
            speechLevelDb += (level > speechLevelDb ? 0.05 : 0.005) * (level - speechLevelDb)
        }
    }

    /// (S + N) / S for a frame of band power S + N over the current noise floor N, capped at 1.5; 1 below 3 dB
    /// SNR (where the floor is too close to tell noise from signal) and for frames below the relative-level gate
    /// (the other party's echo must not be helped to voicing). See `PitchCandidateFinder.find`.
    func noiseGain(power: UnsafePointer<Float>, bandLevelDb: Float) -> Float {
        guard bandLevelDb > speechLevelDb - Self.relativeFloorDb else { return 1 }
        var total: Float = 0
        for k in edges[0]..<edges[Self.bandCount] { total += power[k] }
        guard noisePower > 0, total > 2 * noisePower else { return 1 }
        return min(1.5, total / (total - noisePower))
    }
}
