import UndertoneDSP

/// Decides hold over seconds, not frames: a line that carries sound that is not speech — music, tones, ring-back,
/// and the music bed under a recorded announcement — while no party talks.
///
/// Each line's frame is classified (`Evidence`). A hold starts after `minimumFrames` of strong evidence (music, or
/// sound the speech network rules out) on one line, counted while the candidate lasts, so a prompt spoken in the
/// first second of the music does not hold it back. Once on hold, only that line's evidence keeps it (the other
/// party's noisy pauses do not), and speech on either line neither ends nor extends it (an announcement over the
/// music, a voice prompt); after a voice only strong evidence renews the hold. It ends at its last evidence when
/// `quietAfterSpeechFrames` of quiet follow speech (a party picked up: its pauses are quiet, an announcement's are
/// filled by the music), or when `bridgeFrames` of quiet pass with no speech (the music stopped; ring-back's 4 s
/// off-time and breaks between tracks are bridged). Frames settle at the last evidence while on hold, so a long
/// announcement delays the settled point by its length; everything is decided from the frames alone, so live and
/// batch agree.
struct HoldSmoother: Sendable {
    enum Evidence: Sendable {
        /// Music, or sound on the line the speech network gives almost no chance of speech: starts and keeps hold.
        case strong
        /// Tonal sound that is not speech: keeps a hold going, does not start one.
        case weak
        /// A voice on either line.
        case speech
        /// Silence or noise.
        case quiet
    }

    /// Sound below this (frame energy, dBFS) is quiet: telephone noise floors lie below it, hold music above.
    static let soundFloorDb: Float = -50
    /// Spectral flatness below this is tonal sound (music, tones); line noise and the breath between words are
    /// flatter (0.3–0.6 measured on the real-audio set's tuning part).
    static let tonalFlatness: Float = 0.4
    /// Speech-network probability below this on tonal sound is strong evidence (music measured ≤ 0.006 at the
    /// 90th percentile, the non-speech frames of real speech recordings 0.03–0.3 at the median).
    static let strongSpeechProbability: Float = 0.02
    /// … and below this it still keeps a hold going.
    static let weakSpeechProbability: Float = 0.3

    /// The evidence of one line's frame. Music too quiet to hear (the music window's tail in a silence) is quiet.
    static func evidence(_ frame: Frame) -> Evidence {
        if frame.isSpeech { return .speech }
        guard frame.energyDb > soundFloorDb else { return .quiet }
        if frame.isMusic { return .strong }
        guard frame.spectralFlatness < tonalFlatness else { return .quiet }
        if frame.speechProbability < strongSpeechProbability { return .strong }
        return frame.speechProbability < weakSpeechProbability ? .weak : .quiet
    }

    let minimumFrames: Int
    let bridgeFrames: Int
    let quietAfterSpeechFrames: Int
    /// Speech frames in a row that make a voice: a VAD blip on line noise in a break in the music is not a party
    /// picking up.
    let voiceFrames: Int

    /// Whether the line is on hold (confirmed) as of the newest frame.
    private(set) var active = false
    /// First frame of the open run.
    private(set) var runStart = 0
    /// Frames before this are final.
    private(set) var settled = 0
    /// Frames before this are final unless an open candidate is confirmed: line noise keeps a candidate open for
    /// long stretches with scattered strong frames, and a live dead-air alert must not wait on it.
    var settledIgnoringCandidate: Int { active ? lastEvidence + 1 : frameCount }
    private(set) var hasBeenActive = false
    private var closed: [ActivitySmoother.Run] = []
    private var frameCount = 0

    private var lastEvidence = -1
    private var speechRun = 0
    private var quiet = 0
    private var spoke = false
    private var candidateStart: Int?
    /// Strong frames of the candidate, per line.
    private var strongFrames = ChannelPair(repeating: 0)
    /// The line whose evidence keeps the hold.
    private var line = 0

    init(minimumFrames: Int, bridgeFrames: Int, quietAfterSpeechFrames: Int, voiceFrames: Int) {
        self.minimumFrames = max(1, minimumFrames)
        self.bridgeFrames = max(1, bridgeFrames)
        self.quietAfterSpeechFrames = max(1, quietAfterSpeechFrames)
        self.voiceFrames = max(1, voiceFrames)
        closed.reserveCapacity(16)
    }

    /// Feeds one step: the evidence of each line (`second` is `.quiet` for mono).
    mutating func advance(_ first: Evidence, _ second: Evidence) {
        let i = frameCount
        frameCount += 1
        let anySpeech = first == .speech || second == .speech
        speechRun = anySpeech ? speechRun + 1 : 0
        // Speech frames are neither evidence nor quiet; only a run of them (a voice, not a blip) marks a voice.
        if speechRun >= voiceFrames { spoke = true }
        // Sound on one line while the other party talks is that voice's echo or crosstalk: it starts no hold.
        let firstStarts = first == .strong && second != .speech
        let secondStarts = second == .strong && first != .speech
        if active {
            let own = line == 0 ? first : second
            if own == .strong || (own == .weak && !spoke) {
                lastEvidence = i
                quiet = 0
                spoke = false
            } else if anySpeech {
                // neither keeps nor ends the hold
            } else if own != .weak {  // after a voice, weak evidence (the network's decaying probability in
                quiet += 1              // its pauses) neither keeps the hold nor counts as quiet
                if quiet >= (spoke ? quietAfterSpeechFrames : bridgeFrames) { endRun() }
            }
        } else if firstStarts || secondStarts {
            if candidateStart == nil {
                candidateStart = i
                strongFrames = ChannelPair(repeating: 0)
            }
            if firstStarts { strongFrames[0] += 1 }
            if secondStarts { strongFrames[1] += 1 }
            quiet = 0
            spoke = false
            if let start = candidateStart, max(strongFrames[0], strongFrames[1]) >= minimumFrames {
                close(.init(active: false, start: runStart, end: start))
                active = true
                hasBeenActive = true
                runStart = start
                lastEvidence = i
                line = strongFrames[0] >= strongFrames[1] ? 0 : 1
                candidateStart = nil
            }
        } else if anySpeech {
            // neither evidence nor quiet
        } else if candidateStart != nil, first != .weak, second != .weak {
            // A candidate is let go after quiet as long as the minimum (or the quiet that follows speech); weak
            // evidence (the music in an announcement's pauses, while the network's probability decays) keeps it.
            quiet += 1
            if quiet >= (spoke ? quietAfterSpeechFrames : minimumFrames) { candidateStart = nil }
        }
        settled = active ? lastEvidence + 1 : (candidateStart ?? frameCount)
    }

    /// Closes the open run at the end of the stream.
    mutating func finish() {
        if active { endRun() }
        candidateStart = nil
        close(.init(active: false, start: runStart, end: frameCount))
        runStart = frameCount
        settled = frameCount
    }

    /// The label at `frame` (at or after the oldest unconsumed frame, before `settled`) and the first frame after
    /// it where the label may change.
    func label(at frame: Int) -> (active: Bool, until: Int) {
        for run in closed where frame < run.end { return (run.active, run.end) }
        return (active, max(settled, frame + 1))
    }

    /// Forgets closed runs that end at or before `frame`.
    mutating func consume(upTo frame: Int) {
        var drop = 0
        while drop < closed.count, closed[drop].end <= frame { drop += 1 }
        if drop > 0 { closed.removeFirst(drop) }
    }

    private mutating func endRun() {
        close(.init(active: true, start: runStart, end: lastEvidence + 1))
        active = false
        runStart = lastEvidence + 1
        quiet = 0
        spoke = false
    }

    private mutating func close(_ run: ActivitySmoother.Run) {
        guard run.end > run.start else { return }
        closed.append(run)
    }
}
