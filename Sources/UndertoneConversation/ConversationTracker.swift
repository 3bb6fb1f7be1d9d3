public import UndertoneDSP
public import UndertoneAudio
public import UndertoneTranscripts

/// The incremental state machine of the conversation layer, fed one frame per channel per 10 ms step.
///
/// Both the batch `ConversationAnalyzer` and the `LiveAlertEngine` run this one machine, so a dead air or an
/// interruption is the same in the report and in the live alerts. Each channel's speech goes through an
/// `ActivitySmoother` and both lines' hold evidence through a `HoldSmoother`; once every smoother has settled a
/// stretch, the tracker sweeps it and emits speech segments, pauses, overlaps and non-talk spans. State is
/// bounded: a few counters per channel, at most `wordMemory` recent words and a handful of overlaps awaiting
/// classification.
public struct ConversationTracker: Sendable {
    /// The parties, one per channel: `[agent, customer]`, `[customer, agent]` or `[mixed]`.
    public let speakers: [Speaker]
    public let options: ConversationOptions

    private var speech: [ActivitySmoother]
    private var hold: HoldSmoother
    private var frameCount = 0
    private var cursor = 0

    // Sweep state, per channel index.
    private var talking = ChannelPair(repeating: false)
    private var runStart = ChannelPair(repeating: 0)
    private var lastEnd = ChannelPair(repeating: -1)
    private var lastSpeaker: Int?
    private var frameSpeech = ChannelPair(repeating: false)
    private var wasMusic = false
    private var pauseStart = 0
    private var noTalkStart = 0
    private var noTalkHasHold = false
    private var overlapStart: Int?
    private var overlapInterrupter = 0
    private var overlapAnnounced = false
    private var pending: [PendingOverlap] = []

    private var recentWords: [Word] = []
    private static let wordMemory = 64

    private struct PendingOverlap: Sendable {
        var start: Int
        var end: Int
        var interrupter: Int
        var interrupterRunStart: Int
        /// The interrupted party stopped while the interrupter went on.
        var interruptedYielded: Bool
    }

    private let deadAirFrames: Int
    private let nonTalkFrames: Int
    private let minimumGapFrames: Int
    private let minimumOverlapFrames: Int
    private let backchannelFrames: Int
    private let backchannelWithWordsFrames: Int

    /// Creates a tracker for the given parties, one per channel: one or two distinct parties.
    public init(speakers: [Speaker], options: ConversationOptions = ConversationOptions()) throws(ChannelSetupError) {
        try ChannelSetupError.validate(speakers)
        self.speakers = speakers
        self.options = options
        // Saturating: options a client did not `validate()` must not trap the conversion.
        let frames = { (seconds: Double) in Int((Double.minimum(Double.maximum(seconds, 0), 1e9) / FrameClock.hop).rounded()) }
        let smoother = ActivitySmoother(
            minimumFrames: frames(options.minimumSpeechSeconds), bridgeFrames: frames(options.speechBridgeSeconds),
            trimFrames: frames(options.hangoverTrimSeconds))
        speech = Array(repeating: smoother, count: speakers.count)
        hold = HoldSmoother(
            minimumFrames: frames(options.minimumMusicSeconds), bridgeFrames: frames(options.musicBridgeSeconds),
            quietAfterSpeechFrames: frames(options.holdEndsAfterSpeechSeconds),
            voiceFrames: frames(options.minimumSpeechSeconds))
        deadAirFrames = frames(options.deadAirSeconds)
        nonTalkFrames = frames(options.nonTalkSeconds)
        minimumGapFrames = frames(options.minimumGapSeconds)
        minimumOverlapFrames = frames(options.minimumOverlapSeconds)
        backchannelFrames = frames(options.backchannelSeconds)
        backchannelWithWordsFrames = max(backchannelFrames, frames(options.backchannelWithWordsSeconds))
        pending.reserveCapacity(4)
        recentWords.reserveCapacity(Self.wordMemory)
    }

    /// Seconds of audio consumed so far.
    public var audioTime: Double { FrameClock.time(ofFrame: frameCount) }

    // MARK: Feeding

    /// Feeds one step: the frame of each channel, in the order of `speakers` (`second` is ignored for mono).
    public mutating func advance(_ first: Frame, _ second: Frame? = nil, into events: inout [ConversationEvent]) {
        let other = second ?? .silent
        var isSpeech = ChannelPair(repeating: false)
        isSpeech[0] = first.isSpeech && !first.isMusic
        if speakers.count > 1 {
            isSpeech[1] = other.isSpeech && !other.isMusic
            if isSpeech.both, let margin = options.crosstalkMarginDb {
                // The quieter channel only carries the louder one's echo or bleed.
                if first.loudnessDb < other.loudnessDb - margin { isSpeech[0] = false }
                if other.loudnessDb < first.loudnessDb - margin { isSpeech[1] = false }
            }
        }
        frameSpeech = isSpeech
        feedSpeech(0, first, isSpeech[0])
        if speakers.count > 1 { feedSpeech(1, other, isSpeech[1]) }
        hold.advance(HoldSmoother.evidence(first), speakers.count > 1 ? HoldSmoother.evidence(other) : .quiet)
        frameCount += 1
        sweep(to: settledFrame, into: &events)
    }

    /// Adds a transcript word (with `role` set); used to classify overlaps and to quote the last utterance before
    /// a pause. Feed words in order of their start, no later than the audio reaches their start.
    public mutating func add(_ word: Word) {
        if recentWords.count == Self.wordMemory { recentWords.removeFirst() }
        recentWords.append(word)
    }

    /// Ends the stream: settles everything and emits what is still open. Silence running to the end is not a
    /// pause; the returned value is its length in seconds.
    @discardableResult
    public mutating func finish(into events: inout [ConversationEvent]) -> Double {
        hold.finish()
        for index in speech.indices { speech[index].finish() }
        sweep(to: frameCount, into: &events)
        let talkingAtEnd = talking.any
        for index in speakers.indices where talking[index] {
            talking[index] = false
            endSpeech(index, at: frameCount, into: &events)
        }
        if let start = overlapStart { endOverlap(start: start, at: frameCount) }
        classifyPending(at: frameCount, final: true, into: &events)
        if talkingAtEnd { return 0 }
        if wasMusic {
            closePause(at: frameCount, isHold: true, into: &events)
            return 0
        }
        return lastSpeaker == nil ? 0 : seconds(frameCount - pauseStart)
    }

    // MARK: Live state

    /// Whether the last step's frame of channel `index` counted as that party's own speech, before smoothing:
    /// the VAD said speech, the frame is not music, and it is not the other channel's echo.
    public func lastFrameIsSpeech(channel index: Int) -> Bool { frameSpeech[index] }

    /// A channel's settled activity right now.
    public struct Activity: Sendable, Equatable {
        /// Whether the channel is in speech (or, for music, in music).
        public var isActive: Bool
        /// When the current run of activity or inactivity began, seconds.
        public var since: Double
        /// Up to when the current run is certain, seconds.
        public var settledUntil: Double
        /// Whether the channel has had any activity yet.
        public var hasBeenActive: Bool
    }

    /// The settled speech activity of `speaker`'s channel, nil when the tracker has no such channel.
    public func speechActivity(of speaker: Speaker) -> Activity? {
        speakers.firstIndex(of: speaker).map { activity(speech[$0]) }
    }

    /// The settled hold (music, tones, announcements over music) of both lines.
    public var musicActivity: Activity {
        Activity(
            isActive: hold.active, since: seconds(hold.runStart), settledUntil: seconds(hold.settled),
            hasBeenActive: hold.hasBeenActive)
    }

    /// The silence in progress — nobody speaking and no music — as `start` and the time up to which it is
    /// certain; nil while anyone speaks or music plays.
    public var silenceInProgress: (start: Double, settledUntil: Double)? {
        guard !hold.active, speech.allSatisfy({ !$0.active }) else { return nil }
        let start = speech.reduce(hold.runStart) { max($0, $1.runStart) }
        // An open hold candidate does not hold the silence back: on a noisy line one may stay open for the whole
        // silence. The price: music that starts 4–5 s into a silence and is confirmed a second later can follow a
        // dead-air alert that the report, seeing the hold, does not carry.
        let until = speech.reduce(hold.settledIgnoringCandidate) { min($0, $1.settled) }
        return until > start ? (seconds(start), seconds(until)) : nil
    }

    /// The last utterance of `speaker` before `time` from the transcript: the last sentence of their last turn — their
    /// words walking back from the last one, up to the turn gap of `TurnBuilder` or the end of the previous sentence
    /// (`.`, `?`, `!`), whichever is nearer. The other party's words in between do not end it, as they do not end a turn.
    public func lastUtterance(of speaker: Speaker, before time: Double) -> String? {
        var words: [Substring] = []
        var previousStart = Double.infinity
        for word in recentWords.reversed() where word.role == speaker && word.start < time && word.end <= time + 0.5 {
            let endsSentence = word.text.last.map { ".?!".contains($0) } ?? false
            if !words.isEmpty, previousStart - word.end > TurnSegmenter.defaultMaxGap || endsSentence { break }
            words.append(Substring(word.text))
            previousStart = word.start
        }
        return words.isEmpty ? nil : words.reversed().joined(separator: " ")
    }

    // MARK: Sweep

    private mutating func feedSpeech(_ index: Int, _ frame: Frame, _ isSpeech: Bool) {
        // A frame at the line's noise floor holds nothing to hear, whatever the network says: its probability lags
        // the end of speech by about 0.1 s and flickers on line noise, so such a frame never marks a segment's end.
        let confident = isSpeech && frame.speechProbability >= options.confidentSpeechProbability
            && frame.energyDb > HoldSmoother.soundFloorDb
        speech[index].advance(active: isSpeech, confident: confident)
    }

    private var settledFrame: Int {
        speech.reduce(hold.settled) { min($0, $1.settled) }
    }

    private func activity(_ smoother: ActivitySmoother) -> Activity {
        Activity(
            isActive: smoother.active, since: seconds(smoother.runStart),
            settledUntil: seconds(smoother.settled), hasBeenActive: smoother.hasBeenActive)
    }

    private func seconds(_ frames: Int) -> Double { FrameClock.time(ofFrame: frames) }

    private mutating func sweep(to target: Int, into events: inout [ConversationEvent]) {
        while cursor < target {
            var next = target
            let holdLabel = hold.label(at: cursor)
            next = min(next, holdLabel.until)
            var labels = talking
            for index in speech.indices {
                let label = speech[index].label(at: cursor)
                // A voice inside a hold is the line's recording (an announcement over the music), not a party.
                labels[index] = label.active && !holdLabel.active
                next = min(next, label.until)
            }
            apply(labels: labels, music: holdLabel.active, at: cursor, into: &events)
            for item in pending where talking[item.interrupter] {
                next = min(next, max(cursor + 1, item.interrupterRunStart + backchannelWithWordsFrames))
            }
            if let start = overlapStart, !overlapAnnounced {
                let due = max(start + minimumOverlapFrames, runStart[overlapInterrupter] + backchannelWithWordsFrames)
                next = min(next, max(cursor + 1, due))
            }
            cursor = next
            hold.consume(upTo: cursor)
            for index in speech.indices { speech[index].consume(upTo: cursor) }
        }
        classifyPending(at: cursor, final: false, into: &events)
    }

    /// Handles the label changes at frame `t`.
    private mutating func apply(
        labels: ChannelPair<Bool>, music isMusic: Bool, at t: Int, into events: inout [ConversationEvent]
    ) {
        let wasTalking = talking.any
        let wasBoth = talking.both
        for index in speakers.indices where talking[index] && !labels[index] {
            endSpeech(index, at: t, into: &events)
        }
        if wasBoth, !labels.both, let start = overlapStart {
            endOverlap(start: start, at: t, stillTalking: labels)
        }
        for index in speakers.indices where !talking[index] && labels[index] {
            runStart[index] = t
        }
        let previous = talking
        talking = labels
        classifyPending(at: t, final: false, into: &events)
        if talking.both, !wasBoth {
            overlapStart = t
            overlapInterrupter = interrupter(previous: previous)
            overlapAnnounced = false
        }
        if let start = overlapStart, !overlapAnnounced, t - start >= minimumOverlapFrames,
            t - runStart[overlapInterrupter] >= backchannelWithWordsFrames
        {
            overlapAnnounced = true
            events.append(.interruptionInProgress(start: seconds(start), interrupter: speakers[overlapInterrupter]))
        }

        let isTalking = talking.any
        let kindChanged = isTalking != wasTalking || (!isTalking && isMusic != wasMusic)
        if kindChanged, !wasTalking {
            closePause(at: t, isHold: wasMusic, into: &events)
        }
        if kindChanged { pauseStart = t }
        if wasTalking, !isTalking {
            noTalkStart = t
            noTalkHasHold = false
        }
        if !isTalking, isMusic { noTalkHasHold = true }
        if !wasTalking, isTalking {
            let length = t - noTalkStart
            if length > 0, noTalkHasHold || length > nonTalkFrames {
                events.append(.nonTalk(NonTalkSpan(start: seconds(noTalkStart), end: seconds(t))))
            }
        }
        wasMusic = isMusic
    }

    private mutating func endSpeech(_ index: Int, at t: Int, into events: inout [ConversationEvent]) {
        events.append(
            .speech(SpeechSegment(speaker: speakers[index], start: seconds(runStart[index]), end: seconds(t))))
        lastEnd[index] = t
        lastSpeaker = index
    }

    /// The party that started later interrupts; on a tie, the one who did not speak last.
    private func interrupter(previous: ChannelPair<Bool>) -> Int {
        if previous[0] != previous[1] { return previous[0] ? 1 : 0 }
        if let last = lastSpeaker { return 1 - last }
        return speakers.firstIndex(of: .customer) ?? 1
    }

    private mutating func endOverlap(start: Int, at t: Int, stillTalking: ChannelPair<Bool>? = nil) {
        overlapStart = nil
        guard t - start >= minimumOverlapFrames else { return }
        let interrupter = overlapInterrupter
        let interruptedYielded = stillTalking.map { $0[interrupter] && !$0[1 - interrupter] } ?? false
        pending.append(
            PendingOverlap(
                start: start, end: t, interrupter: interrupter, interrupterRunStart: runStart[interrupter],
                interruptedYielded: interruptedYielded))
    }

    /// Classifies the overlaps whose interrupter has stopped, or has talked long enough to have taken the floor.
    private mutating func classifyPending(at t: Int, final: Bool, into events: inout [ConversationEvent]) {
        var index = 0
        while index < pending.count {
            let item = pending[index]
            let ongoing = talking[item.interrupter] && runStart[item.interrupter] == item.interrupterRunStart
            let runEnd = ongoing ? t : lastEnd[item.interrupter]
            let runLength = runEnd - item.interrupterRunStart
            guard !ongoing || final || runLength >= backchannelWithWordsFrames else {
                index += 1
                continue
            }
            let kind = classify(item, runLength: ongoing && !final ? .max : runLength, runEnd: runEnd)
            events.append(
                .overlap(
                    Overlap(
                        start: seconds(item.start), end: seconds(item.end), interrupter: speakers[item.interrupter],
                        kind: kind)))
            pending.remove(at: index)
        }
    }

    private func classify(_ item: PendingOverlap, runLength: Int, runEnd: Int) -> Overlap.Kind {
        if runLength >= backchannelWithWordsFrames { return .interruption }
        let words = recentWords.filter {
            $0.role == speakers[item.interrupter] && $0.start >= seconds(item.interrupterRunStart) - 0.3
                && $0.start < seconds(runEnd)
        }
        let vocabulary = options.backchannelVocabulary
        let allBackchannel = !words.isEmpty && words.allSatisfy { vocabulary.contains(Self.normalized($0.text)) }
        if allBackchannel { return .backchannel }
        if runLength >= backchannelFrames { return .interruption }
        return !words.isEmpty && item.interruptedYielded ? .interruption : .backchannel
    }

    private mutating func closePause(at t: Int, isHold: Bool, into events: inout [ConversationEvent]) {
        let length = t - pauseStart
        guard length > 0 else { return }
        let kind: Pause.Kind
        if isHold {
            kind = .hold
        } else if length >= deadAirFrames {
            kind = .deadAir
        } else if length >= minimumGapFrames {
            kind = .gap
        } else {
            return
        }
        let after = lastSpeaker.map { speakers[$0] }
        let start = seconds(pauseStart)
        events.append(
            .pause(
                Pause(
                    kind: kind, start: start, end: seconds(t), after: after,
                    afterText: after.flatMap { lastUtterance(of: $0, before: start) })))
    }

    /// Lower case without surrounding punctuation, for vocabulary look-ups.
    static func normalized(_ text: String) -> String {
        String(text.lowercased().drop { !$0.isLetter }.reversed().drop { !$0.isLetter }.reversed())
    }
}
