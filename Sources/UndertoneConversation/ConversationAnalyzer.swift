public import UndertoneDSP
import UndertoneAudio
public import UndertoneTranscripts

/// Everything the conversation layer finds in one call.
public struct ConversationResult: Sendable, Equatable {
    /// Each party's smoothed speech, in start order.
    public var speech: [SpeechSegment]
    /// Dead air, hold and gaps, in start order (silence after the last speech is not a pause).
    public var pauses: [Pause]
    /// Overlaps of at least `minimumOverlapSeconds`, in start order.
    public var overlaps: [Overlap]
    /// Per-party and whole-call figures (see `docs/report-stats.md`).
    public var stats: StatsReport
    /// How the figures were obtained, for the report's `notes`.
    public var notes: [String]
}

/// The batch entry point: runs the `ConversationTracker` over whole frame tracks and computes the statistics.
public enum ConversationAnalyzer {
    /// Analyses a call.
    ///
    /// Stereo: pass `agent` and `customer` (`mixed` is then ignored). Mono: pass only `mixed`; when `words` carry
    /// roles, each frame of speech is attributed to the party whose words cover it, otherwise the track is one
    /// `mixed` speaker.
    /// - Parameter words: transcript words with `role` set, any order; may be empty.
    public static func analyze(
        agent: FrameTrack?, customer: FrameTrack?, mixed: FrameTrack?, words: [Word],
        options: ConversationOptions = ConversationOptions()
    ) -> ConversationResult {
        let words = words.sorted { $0.start < $1.start }
        var notes: [String] = []
        var channels: [(speaker: Speaker, track: FrameTrack)] = []
        if let agent { channels.append((.agent, agent)) }
        if let customer { channels.append((.customer, customer)) }
        if channels.isEmpty, let mixed {
            if words.contains(where: { $0.role == .agent || $0.role == .customer }) {
                let split = TranscriptAttribution.split(mixed, by: words)
                channels = [(.agent, split.agent), (.customer, split.customer)]
                notes.append(
                    "Mono recording: speech is attributed to agent and customer from the transcript's word timings.")
            } else {
                channels = [(.mixed, mixed)]
                notes.append(
                    "Mono recording without a transcript: per-speaker figures are unavailable; the track is reported as one mixed speaker."
                )
            }
        }
        if words.contains(where: { $0.role != nil }) {
            channels = channels.map {
                ($0.speaker, TranscriptMusicCheck.apply(to: $0.track, words: words, role: $0.speaker))
            }
        }
        guard !channels.isEmpty else {
            return ConversationResult(
                speech: [], pauses: [], overlaps: [], stats: StatsReport(), notes: ["No audio track."])
        }

        let frameCount = channels.map(\.track.frames.count).max() ?? 0
        // The channels built above are always one or two distinct parties.
        var tracker = try! ConversationTracker(speakers: channels.map(\.speaker), options: options)
        var events: [ConversationEvent] = []
        var nextWord = 0
        let first = channels[0].track.frames
        let second = channels.count > 1 ? channels[1].track.frames : []
        for index in 0..<frameCount {
            let time = FrameClock.time(ofFrame: index)
            while nextWord < words.count, words[nextWord].start <= time {
                tracker.add(words[nextWord])
                nextWord += 1
            }
            tracker.advance(
                index < first.count ? first[index] : .silent, index < second.count ? second[index] : .silent,
                into: &events)
        }
        while nextWord < words.count {
            tracker.add(words[nextWord])
            nextWord += 1
        }
        let trailingSilence = tracker.finish(into: &events)

        var timeline = ConversationTimeline()
        for event in events { timeline.record(event) }
        timeline.sort()
        let stats = ConversationStatistics(
            timeline: timeline, channels: channels, words: words, durationSeconds: FrameClock.time(ofFrame: frameCount),
            trailingSilenceSeconds: trailingSilence, options: options
        ).report()
        if stats.agent?.wordsPerMinuteEstimated == true || stats.customer?.wordsPerMinuteEstimated == true
            || stats.mixed?.wordsPerMinuteEstimated == true
        {
            notes.append(
                "Words per minute are estimated from syllable nuclei (\(options.syllablesPerWord) syllables per word) where no transcript words are available."
            )
        }
        if trailingSilence > 0 {
            notes.append(
                "Silence after the last speech (\(Self.rounded(trailingSilence)) s) is not counted as a pause.")
        }
        return ConversationResult(
            speech: timeline.speech, pauses: timeline.pauses, overlaps: timeline.overlaps, stats: stats, notes: notes)
    }

    private static func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}

/// The tracker's events gathered into lists.
struct ConversationTimeline: Sendable {
    var speech: [SpeechSegment] = []
    var pauses: [Pause] = []
    var overlaps: [Overlap] = []
    var nonTalk: [NonTalkSpan] = []

    mutating func record(_ event: ConversationEvent) {
        switch event {
        case .speech(let segment): speech.append(segment)
        case .pause(let pause): pauses.append(pause)
        case .overlap(let overlap): overlaps.append(overlap)
        case .nonTalk(let span): nonTalk.append(span)
        case .interruptionInProgress: break
        }
    }

    /// Orders every list by start time (events are emitted when a stretch ends or is classified).
    mutating func sort() {
        speech.sort { ($0.start, $0.end) < ($1.start, $1.end) }
        pauses.sort { $0.start < $1.start }
        overlaps.sort { $0.start < $1.start }
        nonTalk.sort { $0.start < $1.start }
    }
}
