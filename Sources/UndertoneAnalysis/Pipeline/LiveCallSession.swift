public import UndertoneDSP
public import UndertoneAudio
public import UndertoneTranscripts
import UndertoneConversation

/// One live call: per-party samples at the analysis rate in, alerts out, the moment they hold.
///
/// The same streaming frame analyzers and conversation tracker as the batch analyzer run underneath, so live alerts
/// agree with the finished call's report. Feed it from one task per call stream.
///
///     var session = LiveCallSession(speakers: [.agent, .customer])
///     for await block in tap { for alert in session.push(block) { send(alert) } }
///     for alert in session.finish() { send(alert) }
public struct LiveCallSession: ~Copyable {
    private let analyzers: [ChannelAnalyzer]
    private var engine: LiveAlertEngine
    /// Frames each channel has produced that the other has not yet matched.
    private var pending: [[Frame]]
    private var alerts: [LiveAlert] = []
    private var samplesPushed = 0
    private var rawLevels: RawLevelRing
    /// Every frame so far, per track, when the session keeps them for a final report.
    private var recorded: [[Frame]]?

    /// The party of each track, in the order `push` receives them.
    public let speakers: [Speaker]

    /// Seconds of audio received so far: the stream position alerts are stamped with.
    public var streamTime: Double { Double(samplesPushed) / Double(FrameClock.sampleRate) }

    /// - Parameter speakers: the party of each track, in the order `push` receives them (`[.mixed]` for mono);
    ///   throws unless that is one or two distinct parties, or when the speech network's weights are missing.
    ///   `recordsFrames` keeps every frame for ``recordedTracks`` (100 frames per party-second).
    public init(
        speakers: [Speaker], options: LiveAlertOptions = LiveAlertOptions(), sentimentScorer: SentimentScorer? = nil,
        recordsFrames: Bool = false
    ) throws {
        let voiceModel = try VoiceModel.weights()
        let engine = try LiveAlertEngine(speakers: speakers, options: options, sentimentScorer: sentimentScorer)
        self.engine = engine
        self.speakers = speakers
        recorded = recordsFrames ? speakers.map { _ in [] } : nil
        analyzers = speakers.map { _ in ChannelAnalyzer(voiceModel: voiceModel) }
        pending = speakers.map { _ in [] }
        rawLevels = RawLevelRing(tracks: speakers.count)
    }

    /// Adds each track's next samples at `FrameClock.sampleRate` (tracks of equal length) and returns the alerts
    /// that now hold.
    public mutating func push(_ tracks: [[Float]]) -> [LiveAlert] {
        precondition(tracks.count == analyzers.count, "one sample array per track")
        alerts.removeAll(keepingCapacity: true)
        for index in tracks.indices {
            tracks[index].withUnsafeBufferPointer { samples in
                analyzers[index].push(samples) { pending[index].append($0) }
            }
        }
        rawLevels.add(tracks)
        samplesPushed += tracks.first?.count ?? 0
        drainMatchedFrames()
        confirmDeadAirFromRawTail()
        return alerts
    }

    /// Adds a live transcript word (with `role` set) and returns the alerts it raises.
    public mutating func receive(_ word: Word) -> [LiveAlert] {
        let time = streamTime
        return engine.receive(word).map { Self.stamped($0, at: time) }
    }

    /// Ends the stream: flushes the analyzers' lookahead and what the engine still holds open.
    public mutating func finish() -> [LiveAlert] {
        alerts.removeAll(keepingCapacity: true)
        for index in analyzers.indices { analyzers[index].finish { pending[index].append($0) } }
        drainMatchedFrames()
        for alert in engine.finish() { alerts.append(Self.stamped(alert, at: streamTime)) }
        return alerts
    }

    /// Each track's frames so far (empty unless the session was created with `recordsFrames`).
    public var recordedTracks: [FrameTrack] {
        (recorded ?? speakers.map { _ in [] }).map { FrameTrack(frames: $0) }
    }

    private mutating func drainMatchedFrames() {
        let ready = pending.map(\.count).min() ?? 0
        guard ready > 0 else { return }
        for step in 0..<ready {
            let raised = pending.count == 2
                ? engine.process(pending[0][step], pending[1][step])
                : engine.process(pending[0][step])
            for alert in raised { alerts.append(Self.stamped(alert, at: streamTime)) }
        }
        if recorded != nil {
            for index in pending.indices { recorded![index] += pending[index][0..<ready] }
        }
        for index in pending.indices { pending[index].removeFirst(ready) }
    }

    /// The frames lag the stream by the analyzers' lookahead, so a silence is decided only up to ~0.2 s ago. The
    /// raw audio since then is here: when its level stays at the silence's own, nobody has started speaking, and the
    /// dead-air alert need not wait for the frames to catch up.
    private mutating func confirmDeadAirFromRawTail() {
        guard let silence = engine.pendingDeadAir,
              streamTime - silence.start >= engine.options.conversation.deadAirSeconds,
              let quietUntil = rawLevels.quietUntil(decidedUntil: silence.settledUntil, silenceStart: silence.start)
        else { return }
        for alert in engine.confirmDeadAir(quietUntil: quietUntil, now: streamTime) {
            alerts.append(Self.stamped(alert, at: streamTime))
        }
    }

    /// Alerts carry the stream position at which they fired, not the (earlier) instant of the frame that
    /// completed them: that is when a listener could have acted.
    private static func stamped(_ alert: LiveAlert, at streamTime: Double) -> LiveAlert {
        var alert = alert
        alert.audioTime = max(alert.audioTime, streamTime)
        return alert
    }
}
