/// The per-channel pipeline state, owned by one `ChannelAnalyzer`; everything is allocated in `init`.
///
/// Flow per frame k (when its window is complete): spectrum → pitch candidates → pitch path → voice-activity
/// features → music evidence, kept as a `RawFrame`. Frame j = k − lookahead is then finished: its pitch is read
/// off the path, jitter/shimmer are measured on the waveform, and the speech, music and syllable decisions use the
/// frames around it (history and lookahead).
struct AnalyzerCore: ~Copyable {
    static let lookahead = AnalysisLayout.lookaheadFrames
    /// A syllable nucleus needs a dip of this much before it (de Jong & Wempe's "minimum dip between peaks").
    static let syllableDipDb: Float = 2
    /// … and must be no more than this far below the running speech level (their silence threshold, −25 dB).
    static let syllableFloorDb: Float = 25

    private let stages: AnalysisStages
    /// Keeps the shared FFTW plans alive for the analyzer's lifetime.
    private let plan: RealFFTPlan
    private var samples: SampleRing
    private var spectrum: SpectrumAnalyzer
    private var candidateFinder: PitchCandidateFinder
    private var path = PitchPath()
    private var voiceActivity = VoiceActivityDetector()
    private var music = MusicDetector()
    private var voiceModel: SileroVoiceModel
    private var hysteresis = SpeechHysteresis()
    /// Network probabilities of the last `chunkRing` chunks; chunk c covers samples [256c, 256c + 256).
    private let chunkProbability: UnsafeMutablePointer<Float>
    private static let chunkRing = 64
    /// Chunks run so far.
    private var chunks = 0
    private let skipsSilence: Bool
    private var gate = SilenceGate()
    private var window = MusicWindow()
    private let frames: UnsafeMutablePointer<RawFrame>
    /// Power spectra of the frames still waiting for their pitch decision (for peak refinement).
    private let spectra: UnsafeMutablePointer<Float>
    private let ringMask = AnalysisLayout.frameRingCapacity - 1

    /// Raw frames analysed and frames emitted so far.
    private var analyzed = 0
    private var emitted = 0
    private var dipSincePeak: Float = .infinity
    private var inMusic = false
    private var finished = false

    init(stages: AnalysisStages, voiceModel weights: SileroVoiceWeights, skipsSilence: Bool) {
        self.stages = stages
        self.skipsSilence = skipsSilence
        voiceModel = SileroVoiceModel(weights: weights)
        chunkProbability = .allocate(capacity: Self.chunkRing)
        chunkProbability.initialize(repeating: 0, count: Self.chunkRing)
        plan = RealFFTPlan.shared(size: AnalysisLayout.fftSize)
        samples = SampleRing(capacity: AnalysisLayout.sampleRingCapacity, leftPadding: VoiceQuality.halfSpan)
        spectrum = SpectrumAnalyzer(plan: plan)
        candidateFinder = PitchCandidateFinder(plan: plan)
        frames = .allocate(capacity: AnalysisLayout.frameRingCapacity)
        frames.initialize(repeating: RawFrame(), count: AnalysisLayout.frameRingCapacity)
        precondition(Self.spectrumSlots > Self.lookahead && AnalysisLayout.frameRingCapacity
            > AnalysisLayout.musicHistoryFrames + Self.lookahead + 1)
        spectra = .allocate(capacity: Self.spectrumSlots * SpectrumAnalyzer.paddedBins)
        spectra.initialize(repeating: 0, count: Self.spectrumSlots * SpectrumAnalyzer.paddedBins)
    }

    deinit {
        frames.deallocate()
        spectra.deallocate()
        chunkProbability.deallocate()
    }

    /// Power spectra kept for peak refinement: the lookahead plus the frame being finished.
    private static let spectrumSlots = 32

    private func spectrum(ofFrame k: Int) -> UnsafeMutablePointer<Float> {
        spectra + (k % Self.spectrumSlots) * SpectrumAnalyzer.paddedBins
    }

    mutating func push(_ input: UnsafeBufferPointer<Float>, _ sink: (Frame) -> Void) {
        precondition(!finished, "push after finish")
        var start = 0
        while start < input.count {
            // Copy up to the sample that completes the next frame's window, then analyse that frame.
            let due = analyzed * FrameClock.hopSamples + AnalysisLayout.halfWindow - samples.count
            let run = min(input.count - start, max(due, 1))
            samples.append(UnsafeBufferPointer(rebasing: input[start..<(start + run)]))
            start += run
            frameIfDue(sink)
        }
    }

    /// Pads the stream with zeros so that every frame whose instant lies before its end is analysed, then emits
    /// all frames still held back by the lookahead.
    mutating func finish(_ sink: (Frame) -> Void) {
        precondition(!finished, "finish called twice")
        finished = true
        let total = (samples.count + FrameClock.hopSamples - 1) / FrameClock.hopSamples
        guard total > 0 else { return }
        // Zeros until the last frame's window and voice-quality span are complete; no frame past the end.
        let needed = (total - 1) * FrameClock.hopSamples + VoiceQuality.halfSpan
        let zero: Float = 0
        while samples.count < needed {
            withUnsafePointer(to: zero) { samples.append(UnsafeBufferPointer(start: $0, count: 1)) }
            frameIfDue(sink, frameLimit: total)
        }
        // Zeros until the network has seen the chunks the hysteresis reads ahead of the last frame.
        while stages.contains(.voiceActivity) && chunks <= Self.chunk(ofFrame: total - 1 + SpeechHysteresis.lookahead) {
            withUnsafePointer(to: zero) { samples.append(UnsafeBufferPointer(start: $0, count: 1)) }
            runDueChunks()
        }
        while emitted < total { emit(emitted, sink) }
    }

    /// When the samples so far complete the next frame's window, analyses that frame and emits the one
    /// `lookahead` frames before it.
    @inline(__always)
    private mutating func frameIfDue(_ sink: (Frame) -> Void, frameLimit: Int = .max) {
        guard analyzed < frameLimit,
              samples.count == analyzed * FrameClock.hopSamples + AnalysisLayout.halfWindow else { return }
        analyzeNextFrame()
        if analyzed > Self.lookahead { emit(analyzed - 1 - Self.lookahead, sink) }
    }

    private mutating func analyzeNextFrame() {
        let k = analyzed
        let start = k * FrameClock.hopSamples - AnalysisLayout.halfWindow
        var raw = RawFrame()
        spectrum.analyze(samples.span(from: start, length: AnalysisLayout.windowLength), into: &raw)
        if stages.contains(.pitch) {
            let candidates = candidateFinder.find(power: spectrum.power, localPeak: spectrum.localPeak)
            raw.periodicity = candidates.correlation(0)
            path.append(candidates)
            spectrum(ofFrame: k).update(from: spectrum.power, count: SpectrumAnalyzer.paddedBins)
        }
        if stages.contains(.voiceActivity) {
            runDueChunks()
            voiceActivity.measure(power: spectrum.power, duringMusic: window.probability > 0.5, into: &raw)
            let evidence = music.persistence(
                power: spectrum.power, active: raw.active, noisePower: voiceActivity.noisePower)
            raw.active = raw.active && evidence >= 0
            raw.peakPersistence = max(0, evidence)
        }
        frames[k & ringMask] = raw
        analyzed += 1
    }


    /// Finishes frame `j` (the newest analysed frame is `analyzed − 1`).
    private mutating func emit(_ j: Int, _ sink: (Frame) -> Void) {
        precondition(j == emitted)
        emitted += 1
        let newest = analyzed - 1
        let raw = frames[j & ringMask]
        var frame = Frame.silent
        frame.energyDb = raw.energyDb
        frame.loudnessDb = raw.loudnessDb
        frame.spectralCentroidHz = Frame.quantizedCentroid(raw.spectralCentroidHz)
        frame.spectralFlatness = Frame.quantizedFlatness(raw.spectralFlatness)
        frame.spectralRolloffHz = raw.spectralRolloffHz
        frame.spectralFlux = raw.spectralFlux
        frame.zeroCrossingRate = raw.zeroCrossingRate
        if stages.contains(.pitch) { finishPitch(of: &frame, j) }
        if stages.contains(.voiceActivity) {
            decideSpeechAndMusic(of: &frame, j, newest: newest)
            if stages.contains(.voiceQuality) { markSyllable(of: &frame, j, newest: newest) }
        }
        sink(frame)
    }

    /// F0 and HNR from the exact peak of the path's candidate; jitter and shimmer from the waveform.
    private func finishPitch(of frame: inout Frame, _ j: Int) {
        let pitch = path.decision(forFrame: j)
        frame.voiced = pitch.frequency > 0
        guard frame.voiced else {
            frame.voicingConfidence = min(1, max(0, 1 - pitch.bestCorrelation))
            return
        }
        let refined = PeakRefinement.refine(
            power: spectrum(ofFrame: j), lag: Float(FrameClock.sampleRate) / pitch.frequency,
            inverseWindowCorrelation: candidateFinder.inverseWindowCorrelation)
        frame.f0Hz = Float(FrameClock.sampleRate) / refined.lag
        let r = min(max(refined.correlation, 1e-6), 1 - 1e-6)
        frame.hnrDb = 3.010_299_96 * FastMath.log2(r / (1 - r))
        frame.voicingConfidence = r
        if stages.contains(.voiceQuality) {
            let span = samples.span(from: j * FrameClock.hopSamples - VoiceQuality.halfSpan,
                                    length: 2 * VoiceQuality.halfSpan)
            (frame.jitterLocal, frame.shimmerLocal) = VoiceQuality.measure(span, f0: frame.f0Hz)
        }
    }

    /// Runs the network on every chunk the samples have completed.
    private mutating func runDueChunks() {
        while (chunks + 1) * SileroVoiceModel.chunkSamples <= samples.count {
            let chunk = samples.span(from: chunks * SileroVoiceModel.chunkSamples, length: SileroVoiceModel.chunkSamples)
            // Skipped chunks leave the LSTM state as the last chunk before the silence left it.
            let skippable = gate.skips(chunk, count: SileroVoiceModel.chunkSamples)
            if gate.silentRun == SilenceGate.forgetChunks { voiceModel.forgetState() }
            if skippable && skipsSilence {
                voiceModel.skip(chunk)
                chunkProbability[chunks % Self.chunkRing] = 0
            } else {
                chunkProbability[chunks % Self.chunkRing] = voiceModel.probability(ofChunk: chunk)
            }
            chunks += 1
        }
    }

    /// The chunk covering frame `f`'s instant.
    @inline(__always)
    private static func chunk(ofFrame f: Int) -> Int { f * FrameClock.hopSamples / SileroVoiceModel.chunkSamples }

    /// The network's speech probability at frame `f` (0 past the `chunks` run so far: the end of the stream).
    @inline(__always)
    private static func networkProbability(ofFrame f: Int, ring: UnsafePointer<Float>, chunks: Int) -> Float {
        let c = chunk(ofFrame: f)
        return c < chunks ? ring[c % chunkRing] : 0
    }

    /// Speech from the network's probabilities with Silero's hysteresis; music over [j − history, j + lookahead]
    /// with its own hysteresis, only where the network hears no speech: the music window also fires on real speech
    /// (8–64 % of its frames in the tuning split when allowed through speech), the network does not.
    private mutating func decideSpeechAndMusic(of frame: inout Frame, _ j: Int, newest: Int) {
        let raw = frames[j & ringMask]
        window.advance(to: j, newest: newest, frames: frames, mask: ringMask)
        frame.musicProbability = window.probability
        // Music starts above 0.5 and lasts while above 0.2, so a quiet bar of hold music does not flip to speech.
        inMusic = frame.musicProbability > (inMusic ? 0.2 : 0.5)
        let ring = UnsafePointer(chunkProbability), chunks = chunks
        frame.speechProbability = Self.networkProbability(ofFrame: j, ring: ring, chunks: chunks)
        frame.isSpeech = hysteresis.isSpeech(j) { Self.networkProbability(ofFrame: $0, ring: ring, chunks: chunks) }
        frame.isMusic = inMusic && !frame.isSpeech
        frame.snrDb = raw.bandSnrDb
    }

    /// Syllable nuclei (de Jong & Wempe): voiced level peaks in speech with a 2 dB dip since the previous peak,
    /// within 25 dB of the speaker's level.
    private mutating func markSyllable(of frame: inout Frame, _ j: Int, newest: Int) {
        let level = frames[j & ringMask].bandLevelDb
        let before = j > 0 ? frames[(j - 1) & ringMask].bandLevelDb : -.infinity
        let after = j < newest ? frames[(j + 1) & ringMask].bandLevelDb : -.infinity
        guard level > before && level >= after else {
            dipSincePeak = min(dipSincePeak, level)
            return
        }
        frame.syllableNucleus = frame.voiced && frame.isSpeech
            && level - dipSincePeak >= Self.syllableDipDb
            && level > voiceActivity.speechLevelDb - Self.syllableFloorDb
        dipSincePeak = level
    }
}
