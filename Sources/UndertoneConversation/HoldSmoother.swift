import UndertoneDSP

/// Decides hold over seconds, not frames: a line that carries sound that is not speech — music, tones, ring-back,
/// and the music bed under a recorded announcement — while no party talks. DTMF digits are a party keying, not hold.
///
/// Each line's frame is classified (`Evidence`). A hold starts after `minimumFrames` of strong evidence (music, or
/// sound the speech network rules out) on one line, counted while the candidate lasts, so a prompt spoken in the
/// first second of the music does not hold it back; far from a voice the candidate bridges quiet as a hold does
/// (ring-back rings for 0.4–2 s, then is silent for up to 4 s), and key presses (short bursts in the keypad's
/// band) are taken back out of it. Once on hold, only that line's evidence keeps it (the other
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
        /// Strong evidence centred in the keypad's band (DTMF: 697–1633 Hz): a burst shorter than a key press
        /// limit is a party keying digits, which starts no hold; longer, it is strong evidence.
        case keyTone
        /// Tonal sound that is not speech: keeps a hold going, does not start one.
        case weak
        /// A voice on either line.
        case speech
        /// Silence or noise.
        case quiet

        var isStrong: Bool { self == .strong || self == .keyTone }
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
    /// Strong evidence whose spectral centroid lies in this band may be a DTMF digit (its two tones, 697–941 Hz
    /// and 1209–1633 Hz, centre at 950–1290 Hz); ring-back tones (350–480 Hz) lie below it.
    static let keypadBandHz: ClosedRange<Float> = 650...1700
    /// A run of key-tone evidence shorter than this (0.6 s) is a key press: DTMF digits last 40–100 ms when a
    /// device dials, a few tenths of a second when a person holds the key. Its frames are taken back from a
    /// candidate. Ring-back's shortest tones (the UK's 0.4 s) lie below the keypad band.
    static let keyPressFrames = Int((0.6 / FrameClock.hop).rounded())

    /// The evidence of one line's frame. Music too quiet to hear (the music window's tail in a silence) is quiet.
    static func evidence(_ frame: Frame) -> Evidence {
        if frame.isSpeech { return .speech }
        guard frame.energyDb > soundFloorDb else { return .quiet }
        let strong: Evidence = keypadBandHz.contains(frame.spectralCentroidHz) ? .keyTone : .strong
        if frame.isMusic { return strong }
        guard frame.spectralFlatness < tonalFlatness else { return .quiet }
        if frame.speechProbability < strongSpeechProbability { return strong }
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
    /// Length of the current run of key-tone evidence, per line (0 outside one).
    private var keyRun = ChannelPair(repeating: 0)
    /// Whether a voice was heard since `bridgeFrames` before the candidate started: on a line without one the
    /// candidate bridges quiet as long as a hold does (ring-back is silent for up to 4 s between rings); near a
    /// voice it is let go sooner (a party's quiet pauses around a tonal stretch of their voice are no ring-back).
    private var candidateHeardVoice = false
    /// Frames since a voice was last heard.
    private var sinceVoice = Int.max / 2
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
        sinceVoice += 1
        if speechRun >= voiceFrames { spoke = true; candidateHeardVoice = true; sinceVoice = 0 }
        // Sound on one line while the other party talks is that voice's echo or crosstalk: it starts no hold.
        let firstStarts = first.isStrong && second != .speech
        let secondStarts = second.isStrong && first != .speech
        followKeyPress(0, first == .keyTone && firstStarts, endsInQuiet: first == .quiet)
        followKeyPress(1, second == .keyTone && secondStarts, endsInQuiet: second == .quiet)
        if active {
            let own = line == 0 ? first : second
            if own.isStrong || (own == .weak && !spoke) {
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
                candidateHeardVoice = sinceVoice < bridgeFrames
            }
            if firstStarts { strongFrames[0] += 1 }
            if secondStarts { strongFrames[1] += 1 }
            quiet = 0
            spoke = false
            confirmIfDue(at: i)
        } else if anySpeech {
            // neither evidence nor quiet
        } else if candidateStart != nil, first != .weak, second != .weak {
            // A candidate is let go after quiet as long as the music bridge on a line without a voice (ring-back's
            // off-time), or as the quiet that follows speech near one (music has no silences; a party whose voice
            // the network took for music has); weak evidence (the music in an announcement's pauses, while the
            // network's probability decays) keeps it.
            quiet += 1
            let patience = spoke || candidateHeardVoice ? quietAfterSpeechFrames : bridgeFrames
            if quiet >= patience { candidateStart = nil }
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

    /// Confirms the open candidate as a hold once a line has `minimumFrames` of evidence in it.
    private mutating func confirmIfDue(at i: Int) {
        // A key-tone run still short of a key press's limit may yet be one: wait for it to end or outlast it.
        let pressing = (1..<Self.keyPressFrames).contains(keyRun[0]) || (1..<Self.keyPressFrames).contains(keyRun[1])
        guard let start = candidateStart, !pressing, max(strongFrames[0], strongFrames[1]) >= minimumFrames else {
            return
        }
        close(.init(active: false, start: runStart, end: start))
        active = true
        hasBeenActive = true
        runStart = start
        lastEvidence = i
        line = strongFrames[0] >= strongFrames[1] ? 0 : 1
        candidateStart = nil
    }

    /// Follows a line's run of key-tone evidence that could start a hold; a run that falls silent shorter than
    /// `keyPressFrames` was a key press, and its frames are taken back from an open candidate (which is dropped if
    /// nothing else is left in it). A short run that ends in a voice is the music bed heard between an
    /// announcement's words: it stays.
    private mutating func followKeyPress(_ index: Int, _ isKeyTone: Bool, endsInQuiet: Bool) {
        if isKeyTone {
            keyRun[index] += 1
            return
        }
        if endsInQuiet, !active, candidateStart != nil, keyRun[index] > 0, keyRun[index] < Self.keyPressFrames {
            strongFrames[index] = max(0, strongFrames[index] - keyRun[index])
            if strongFrames[0] == 0 && strongFrames[1] == 0 { candidateStart = nil }
        }
        keyRun[index] = 0
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
