public import UndertoneDSP
import UndertoneAudio
public import UndertoneTranscripts
import UndertoneConversation
import UndertoneSentiment

/// Raises alerts while a call is in progress, fed the same per-step frames as the batch analyzer.
///
/// Dead air, hold, interruptions and silence after the agent come from the shared `ConversationTracker`, so they
/// agree with the report; raised voice and fast speech are measured on each channel's frames; phrase and sentiment
/// alerts come from live transcript words. All state is bounded (fixed rings and counters; see each detector).
public struct LiveAlertEngine: Sendable {
    public let options: LiveAlertOptions
    private var tracker: ConversationTracker
    private var events: [ConversationEvent] = []
    private var raisedVoice: [RaisedVoiceDetector]
    private var fastSpeech: [FastSpeechDetector]
    private var transcript: TranscriptWatch
    private let sentimentScorer: SentimentScorer?
    private var frameCount = 0
    /// The latest scored turns, in start order, at most `momentWindow`: enough for the moment rule (a party's two
    /// turns before a change, the change, the turn that holds it, the other party's words in between).
    private var recentTurns: [SentimentTurn] = []
    /// Per party, the start of the last sentiment moment raised.
    private var lastMoment: [Speaker: Double] = [:]
    static let momentWindow = 16

    private var deadAirFiredFor: Double?
    private var holdFiredFor: Double?
    private var silenceAfterAgentFiredFor: Double?
    /// Start times of each channel's recent interruptions, at most `interruptionBurstCount` each.
    private var interruptions: [[Double]]
    /// Start of each channel's last counted interruption.
    private var lastInterruption: [Double?]
    /// Per alert kind and party, the audio time before which that kind stays quiet.
    private var quietUntil: [String: Double] = [:]

    /// Creates an engine for the parties on the channels, in channel order (`[agent, customer]` for the usual
    /// stereo call, `[mixed]` for mono); throws unless that is one or two distinct parties.
    public init(
        speakers: [Speaker] = [.agent, .customer], options: LiveAlertOptions = LiveAlertOptions(),
        sentimentScorer: SentimentScorer? = nil
    ) throws(ChannelSetupError) {
        self.options = options
        self.sentimentScorer = sentimentScorer
        tracker = try ConversationTracker(speakers: speakers, options: options.conversation)
        raisedVoice = speakers.map { _ in RaisedVoiceDetector(options: options) }
        fastSpeech = speakers.map { _ in FastSpeechDetector(options: options) }
        interruptions = speakers.map { _ in [] }
        lastInterruption = speakers.map { _ in nil }
        transcript = TranscriptWatch(options: options)
        events.reserveCapacity(8)
    }

    /// Seconds of audio processed so far.
    public var audioTime: Double { tracker.audioTime }

    /// Feeds one 10 ms step: each channel's frame in the order of `speakers`.
    public mutating func process(_ first: Frame, _ second: Frame? = nil) -> [LiveAlert] {
        var alerts: [LiveAlert] = []
        let index = frameCount
        frameCount += 1
        events.removeAll(keepingCapacity: true)
        tracker.advance(first, second, into: &events)
        let now = tracker.audioTime
        handleEvents(now: now, into: &alerts)

        for channel in tracker.speakers.indices {
            let frame = channel == 0 ? first : (second ?? .silent)
            let speaker = tracker.speakers[channel]
            let isSpeech = tracker.lastFrameIsSpeech(channel: channel)
            if let found = raisedVoice[channel].advance(frame, isSpeech: isSpeech, index: index),
                take(.raisedVoice, speaker, now: now)
            {
                let level = Int(LoudnessScale.score(loudnessDb: found.levelDb).rounded())
                alerts.append(
                    LiveAlert(
                        kind: .raisedVoice, audioTime: now, start: FrameClock.time(ofFrame: found.startFrame),
                        speaker: speaker,
                        summary:
                            "\(speaker.rawValue) loudness \(level)/100, \(Self.format(Double(found.aboveDb))) dB above their baseline"
                    ))
            }
            if let fast = fastSpeech[channel].advance(frame, isSpeech: isSpeech, index: index),
                take(.fastSpeech, speaker, now: now)
            {
                alerts.append(
                    LiveAlert(
                        kind: .fastSpeech, audioTime: now, start: FrameClock.time(ofFrame: fast.startFrame),
                        speaker: speaker,
                        summary:
                            "\(speaker.rawValue) speaking at about \(Int(fast.wordsPerMinute.rounded())) words per minute"))
            }
        }
        checkSilence(now: now, into: &alerts)
        checkHold(now: now, into: &alerts)
        checkCustomerSilence(now: now, into: &alerts)
        for turn in transcript.close(before: now - options.transcriptDelaySeconds) { score(turn, now: now, into: &alerts) }
        return alerts
    }

    /// Adds a live transcript word (with `role` set).
    public mutating func receive(_ word: Word) -> [LiveAlert] {
        var alerts: [LiveAlert] = []
        tracker.add(word)
        let now = tracker.audioTime
        let (phrases, closed) = transcript.add(word)
        for (rule, start) in phrases {
            alerts.append(
                LiveAlert(
                    kind: .phrase, audioTime: now, start: start, speaker: word.role,
                    summary: "\(word.role?.rawValue ?? "someone") said \"\(rule.phrase)\""))
        }
        for turn in closed { score(turn, now: now, into: &alerts) }
        return alerts
    }

    /// Ends the stream, flushing what is still open.
    public mutating func finish() -> [LiveAlert] {
        var alerts: [LiveAlert] = []
        events.removeAll(keepingCapacity: true)
        tracker.finish(into: &events)
        handleEvents(now: tracker.audioTime, into: &alerts)
        for turn in transcript.finish() { score(turn, now: tracker.audioTime, into: &alerts) }
        raiseMoments(final: true, now: tracker.audioTime, into: &alerts)
        return alerts
    }

    // MARK: Checks

    private mutating func handleEvents(now: Double, into alerts: inout [LiveAlert]) {
        for event in events {
            switch event {
            case .interruptionInProgress(let start, let interrupter):
                countInterruption(by: interrupter, at: start, now: now, into: &alerts)
            case .overlap(let overlap) where overlap.kind == .interruption:
                countInterruption(by: overlap.interrupter, at: overlap.start, now: now, into: &alerts)
            default:
                continue
            }
        }
    }

    /// Counts an interruption once (an overlap announced in progress is seen again when it ends) and raises the
    /// burst alert when the party reaches the count within the window.
    private mutating func countInterruption(
        by interrupter: Speaker, at start: Double, now: Double, into alerts: inout [LiveAlert]
    ) {
        guard let channel = tracker.speakers.firstIndex(of: interrupter),
            lastInterruption[channel] != start
        else { return }
        lastInterruption[channel] = start
        var times = interruptions[channel].filter { $0 > start - options.interruptionBurstSeconds }
        times.append(start)
        if times.count >= options.interruptionBurstCount {
            alerts.append(
                LiveAlert(
                    kind: .interruption, audioTime: now, start: times[0], speaker: interrupter,
                    summary:
                        "\(interrupter.rawValue) interrupted \(times.count) times in \(Self.format(start - times[0])) s"
                ))
            times.removeAll()
        }
        interruptions[channel] = times
    }

    private mutating func checkSilence(now: Double, into alerts: inout [LiveAlert]) {
        guard let silence = tracker.silenceInProgress else { return }
        fireDeadAir(silence.start, lastingUntil: silence.settledUntil, now: now, into: &alerts)
    }

    /// The silence in progress that has not raised its dead-air alert yet: its start and the instant up to which
    /// the frames are decided.
    public var pendingDeadAir: (start: Double, settledUntil: Double)? {
        guard let silence = tracker.silenceInProgress, deadAirFiredFor != silence.start else { return nil }
        return (silence.start, silence.settledUntil)
    }

    /// Raises the dead-air alert of the silence in progress when it has lasted the threshold up to `quietUntil`, a
    /// stream instant past the decided frames that the caller has checked to be quiet (the frames' lookahead keeps
    /// the decided silence behind the stream; the raw audio in between shows whether anyone spoke).
    public mutating func confirmDeadAir(quietUntil: Double, now: Double) -> [LiveAlert] {
        guard let silence = tracker.silenceInProgress else { return [] }
        var alerts: [LiveAlert] = []
        fireDeadAir(silence.start, lastingUntil: max(quietUntil, silence.settledUntil), now: now, into: &alerts)
        return alerts
    }

    private mutating func fireDeadAir(_ start: Double, lastingUntil end: Double, now: Double, into alerts: inout [LiveAlert]) {
        guard deadAirFiredFor != start, end - start >= options.conversation.deadAirSeconds - Self.epsilon else { return }
        deadAirFiredFor = start
        var summary = "no one has spoken for \(Self.format(end - start)) s"
        if let last = lastSpeaker() {
            summary += " (last: \(last.rawValue)"
            if let text = tracker.lastUtterance(of: last, before: start) { summary += ", \"\(text)\"" }
            summary += ")"
        }
        alerts.append(LiveAlert(kind: .deadAir, audioTime: now, start: start, speaker: nil, summary: summary))
    }

    private mutating func checkHold(now: Double, into alerts: inout [LiveAlert]) {
        let music = tracker.musicActivity
        guard music.isActive, holdFiredFor != music.since,
            music.settledUntil - music.since >= options.longHoldSeconds - Self.epsilon
        else { return }
        holdFiredFor = music.since
        alerts.append(
            LiveAlert(
                kind: .longHold, audioTime: now, start: music.since, speaker: nil,
                summary: "on hold for \(Self.format(music.settledUntil - music.since)) s"))
    }

    private mutating func checkCustomerSilence(now: Double, into alerts: inout [LiveAlert]) {
        guard let agent = tracker.speechActivity(of: .agent), let customer = tracker.speechActivity(of: .customer),
            agent.hasBeenActive, !agent.isActive, !customer.isActive, customer.since <= agent.since,
            silenceAfterAgentFiredFor != agent.since
        else { return }
        let music = tracker.musicActivity
        guard !music.isActive, music.since <= agent.since else { return }
        let silent = min(agent.settledUntil, customer.settledUntil, music.settledUntil) - agent.since
        guard silent >= options.customerSilenceSeconds - Self.epsilon else { return }
        silenceAfterAgentFiredFor = agent.since
        let text = tracker.lastUtterance(of: .agent, before: agent.since)
        if options.customerSilenceAfterQuestionsOnly, text?.hasSuffix("?") != true { return }
        var summary = "customer silent for \(Self.format(silent)) s after the agent's turn"
        if let text { summary += ": \"\(text)\"" }
        alerts.append(
            LiveAlert(
                kind: .customerSilenceAfterAgent, audioTime: now, start: agent.since, speaker: .customer,
                summary: summary))
    }

    /// Scores an utterance in the parts the report scores: a change of language inside it cuts it
    /// (`TranscriptTurn.languageParts`).
    private mutating func score(_ utterance: TranscriptWatch.Utterance, now: Double, into alerts: inout [LiveAlert]) {
        for part in TranscriptTurn(role: utterance.speaker, words: utterance.words).languageParts {
            score(part, now: now, into: &alerts)
        }
    }

    private mutating func score(_ utterance: TranscriptTurn, now: Double, into alerts: inout [LiveAlert]) {
        guard let sentimentScorer, let value = sentimentScorer.score(utterance.text) else { return }
        recentTurns.append(.textOnly(
            speaker: utterance.role, start: utterance.start, end: utterance.end, text: utterance.text, score: value))
        recentTurns.sort { ($0.start, $0.end) < ($1.start, $1.end) }
        if recentTurns.count > Self.momentWindow { recentTurns.removeFirst(recentTurns.count - Self.momentWindow) }
        raiseMoments(final: false, now: now, into: &alerts)
        guard value <= options.negativeSentiment, take(.sentiment, utterance.role, now: now) else { return }
        alerts.append(
            LiveAlert(
                kind: .sentiment, audioTime: now, start: utterance.start, speaker: utterance.role,
                summary: "\(utterance.role.rawValue) negative (\(Self.format(value))): \"\(utterance.text)\""))
    }

    /// Raises the sentiment moments of the recent turns not raised yet, by the rule of the report's moments.
    private mutating func raiseMoments(final: Bool, now: Double, into alerts: inout [LiveAlert]) {
        let report = SentimentReport(turns: recentTurns)
        for moment in SentimentMomentFinder.moments(in: report, final: final)
        where moment.start > lastMoment[moment.speaker] ?? -.infinity {
            lastMoment[moment.speaker] = moment.start
            let trigger = moment.trigger.map { " after the \($0.speaker.rawValue) said \"\($0.text)\"" } ?? ""
            alerts.append(
                LiveAlert(
                    kind: .sentimentMoment, audioTime: now, start: moment.start, speaker: moment.speaker,
                    summary: "\(moment.speaker.rawValue) sentiment \(moment.to < moment.from ? "fell" : "rose") from "
                        + "\(moment.from) to \(moment.to)\(trigger)"))
        }
    }

    // MARK: Helpers

    /// The party whose speech ended most recently, if anyone has spoken.
    private func lastSpeaker() -> Speaker? {
        tracker.speakers
            .compactMap { speaker in tracker.speechActivity(of: speaker).map { (speaker, $0) } }
            .filter { $0.1.hasBeenActive && !$0.1.isActive }
            .max { $0.1.since < $1.1.since }?.0
    }

    /// Whether `kind` may fire for `speaker` now; if so, starts its cool-down.
    private mutating func take(_ kind: LiveAlert.Kind, _ speaker: Speaker, now: Double) -> Bool {
        let key = kind.rawValue + "." + speaker.rawValue
        if let until = quietUntil[key], now < until { return false }
        quietUntil[key] = now + options.cooldownSeconds
        return true
    }

    private static let epsilon = 1e-6

    private static func format(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) + ".0" : String(tenths)
    }
}
