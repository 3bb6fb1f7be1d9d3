import Foundation
import UndertoneDSP
import UndertoneAudio
import UndertoneTranscripts

/// Computes the `StatsReport` from the tracker's timeline, the frame tracks and the transcript.
struct ConversationStatistics {
    let timeline: ConversationTimeline
    let channels: [(speaker: Speaker, track: FrameTrack)]
    let words: [Word]
    let durationSeconds: Double
    let trailingSilenceSeconds: Double
    let options: ConversationOptions

    /// A stretch in which one party holds the floor.
    private struct Turn {
        var speaker: Speaker
        var start: Double
        var end: Double
    }

    func report() -> StatsReport {
        let turns = floorTurns()
        let lastSpeech = timeline.speech.map(\.end).max() ?? 0
        let lastWord = words.map(\.end).max() ?? 0
        let conversation = max(lastSpeech, lastWord)
        let totalTalk = channels.reduce(0) { $0 + talkSeconds(of: $1.speaker) }

        var call = CallStats(durationSeconds: durationSeconds)
        call.conversationSeconds = conversation
        call.talkSeconds = Self.unionLength(timeline.speech.map { ($0.start, $0.end) })
        call.talkPercent = Self.percent(call.talkSeconds, of: conversation)
        call.nonTalkThresholdSeconds = options.nonTalkSeconds
        call.nonTalkInstances = timeline.nonTalk
        call.nonTalkSeconds = timeline.nonTalk.reduce(0) { $0 + $1.end - $1.start }
        call.nonTalkPercent = Self.percent(call.nonTalkSeconds, of: conversation)
        call.deadAirThresholdSeconds = options.deadAirSeconds
        call.deadAir = summary(of: .deadAir)
        call.hold = summary(of: .hold)
        call.trailingSilenceSeconds = trailingSilenceSeconds
        call.overlapCount = timeline.overlaps.count
        call.overlapSeconds = Self.totalSeconds(timeline.overlaps)
        (call.interruptionCount, call.interruptionSeconds, call.backchannelCount) = Self.overlapTotals(
            timeline.overlaps)
        call.turnCount = turns.count
        call.responseLatency = Self.latencyStats(responseLatencies(turns).map(\.seconds))

        var report = StatsReport(call: call)
        for channel in channels {
            let stats = speakerStats(
                channel.speaker, track: channel.track, turns: turns, totalTalk: totalTalk, conversation: conversation)
            switch channel.speaker {
            case .agent: report.agent = stats
            case .customer: report.customer = stats
            case .mixed: report.mixed = stats
            }
        }
        return report
    }

    // MARK: Per speaker

    private func speakerStats(
        _ speaker: Speaker, track: FrameTrack, turns: [Turn], totalTalk: Double, conversation: Double
    ) -> SpeakerStats {
        let segments = timeline.speech.filter { $0.speaker == speaker }
        let speakerWords = words.filter { $0.role == speaker }
        var stats = SpeakerStats(talkSeconds: talkSeconds(of: speaker))
        stats.talkRatio = totalTalk > 0 ? stats.talkSeconds / totalTalk : 0
        stats.talkPercent = Self.percent(stats.talkSeconds, of: conversation)
        stats.turnCount = turns.filter { $0.speaker == speaker }.count
        stats.longestMonologueSeconds = longestMonologue(segments, turns: turns.filter { $0.speaker == speaker })
        stats.responseLatency = Self.latencyStats(
            responseLatencies(turns).filter { $0.speaker == speaker }.map(\.seconds))
        (stats.interruptionCount, stats.interruptionSeconds, stats.backchannelCount) = Self.overlapTotals(
            timeline.overlaps.filter { $0.interrupter == speaker })

        let whole = SpanMeasure(track: track, segments: segments, start: 0, end: durationSeconds)
        if !speakerWords.isEmpty { stats.wordCount = speakerWords.count }
        (stats.wordsPerMinute, stats.wordsPerMinuteEstimated) = wordsPerMinute(whole, words: speakerWords)
        stats.syllablesPerSecond = whole.talkSeconds > 0 ? Double(whole.nuclei) / whole.talkSeconds : nil
        stats.voice = whole.voice
        stats.loudnessPerSecond = whole.loudnessPerSecond

        let end = speakerWords.map(\.end).max() ?? segments.map(\.end).max() ?? 0
        if end > 0 {
            stats.quarters = (0..<4).map { quarter in
                let start = end * Double(quarter) / 4
                let stop = end * Double(quarter + 1) / 4
                let measure = SpanMeasure(track: track, segments: segments, start: start, end: stop)
                let quarterWords = speakerWords.filter { $0.start >= start && ($0.start < stop || quarter == 3) }
                return QuarterStats(
                    start: start, end: stop, talkSeconds: measure.talkSeconds,
                    wordsPerMinute: wordsPerMinute(measure, words: quarterWords, hasTranscript: !speakerWords.isEmpty)
                        .rate,
                    voice: measure.voice)
            }
        }
        return stats
    }

    private func talkSeconds(of speaker: Speaker) -> Double {
        timeline.speech.reduce(0) { $0 + ($1.speaker == speaker ? $1.end - $1.start : 0) }
    }

    /// Words per minute of talk: counted from transcript words, else estimated from syllable nuclei.
    /// - Parameter hasTranscript: whether the speaker has transcript words at all (a quarter may have none).
    private func wordsPerMinute(
        _ measure: SpanMeasure, words: [Word], hasTranscript: Bool? = nil
    ) -> (rate: Double?, estimated: Bool) {
        guard measure.talkSeconds > 0 else { return (nil, false) }
        if hasTranscript ?? !words.isEmpty {
            return (Double(words.count) / (measure.talkSeconds / 60), false)
        }
        return (Double(measure.nuclei) / options.syllablesPerWord / (measure.talkSeconds / 60), true)
    }

    // MARK: Turns

    /// The floor sequence: segments in start order, backchannels left out, consecutive ones of one party merged.
    private func floorTurns() -> [Turn] {
        let backchannels = timeline.overlaps.filter { $0.kind == .backchannel }
        var turns: [Turn] = []
        for segment in timeline.speech {
            let isBackchannel = backchannels.contains {
                $0.interrupter == segment.speaker && $0.start >= segment.start && $0.start < segment.end
            }
            if isBackchannel { continue }
            if let last = turns.last, last.speaker == segment.speaker {
                turns[turns.count - 1].end = max(last.end, segment.end)
            } else {
                turns.append(Turn(speaker: segment.speaker, start: segment.start, end: segment.end))
            }
        }
        return turns
    }

    /// Hand-overs with a gap: the later party's start minus the earlier party's end, skipping hand-overs across
    /// hold and overlapping ones (those are interruptions, not responses).
    private func responseLatencies(_ turns: [Turn]) -> [(speaker: Speaker, seconds: Double)] {
        let holds = timeline.pauses.filter { $0.kind == .hold }
        return zip(turns, turns.dropFirst()).compactMap { previous, next in
            guard previous.speaker != next.speaker, next.start >= previous.end else { return nil }
            if holds.contains(where: { $0.start < next.start && $0.end > previous.end }) { return nil }
            return (next.speaker, next.start - previous.end)
        }
    }

    /// The longest stretch of a party's own segments within one turn, split at its silences longer than
    /// `monologueBreakSeconds`.
    private func longestMonologue(_ segments: [SpeechSegment], turns: [Turn]) -> Double {
        var longest = 0.0
        for turn in turns {
            var start: Double?
            var end = 0.0
            for segment in segments where segment.start >= turn.start && segment.start < turn.end {
                if start != nil, segment.start - end <= options.monologueBreakSeconds {
                    end = max(end, segment.end)
                } else {
                    if let current = start { longest = max(longest, end - current) }
                    start = segment.start
                    end = segment.end
                }
            }
            if let current = start { longest = max(longest, end - current) }
        }
        return longest
    }

    // MARK: Helpers

    private func summary(of kind: Pause.Kind) -> PauseSummary {
        let lengths = timeline.pauses.filter { $0.kind == kind }.map { $0.end - $0.start }
        return PauseSummary(
            count: lengths.count, totalSeconds: lengths.reduce(0, +), longestSeconds: lengths.max() ?? 0)
    }

    /// Interruptions (count and total seconds) and backchannels among `overlaps`.
    private static func overlapTotals(_ overlaps: [Overlap]) -> (Int, Double, Int) {
        let interruptions = overlaps.filter { $0.kind == .interruption }
        return (interruptions.count, totalSeconds(interruptions), overlaps.count - interruptions.count)
    }

    private static func totalSeconds(_ overlaps: [Overlap]) -> Double {
        overlaps.reduce(0) { $0 + $1.end - $1.start }
    }

    static func latencyStats(_ values: [Double]) -> LatencyStats {
        guard !values.isEmpty else { return LatencyStats() }
        let sorted = values.sorted()
        let rank = Int((0.9 * Double(sorted.count)).rounded(.up)) - 1
        return LatencyStats(
            count: sorted.count, meanSeconds: sorted.reduce(0, +) / Double(sorted.count),
            p90Seconds: sorted[max(0, rank)], longestSeconds: sorted.last)
    }

    static func percent(_ part: Double, of whole: Double) -> Double {
        whole > 0 ? part / whole * 100 : 0
    }

    /// Total length covered by possibly overlapping intervals.
    static func unionLength(_ intervals: [(Double, Double)]) -> Double {
        var total = 0.0
        var current: (Double, Double)?
        for interval in intervals.sorted(by: { $0.0 < $1.0 }) {
            if let open = current, interval.0 <= open.1 {
                current = (open.0, max(open.1, interval.1))
            } else {
                if let open = current { total += open.1 - open.0 }
                current = interval
            }
        }
        if let open = current { total += open.1 - open.0 }
        return total
    }
}

/// Frame measurements of one party's speech within `[start, end)`.
struct SpanMeasure {
    private(set) var talkSeconds = 0.0
    private(set) var nuclei = 0
    private(set) var voice = VoiceStats()
    /// Mean loudness score per whole second of the call, nil where the party does not speak (only for spans
    /// starting at 0).
    private(set) var loudnessPerSecond: [Double?] = []

    init(track: FrameTrack, segments: [SpeechSegment], start: Double, end: Double) {
        var semitones: [Double] = []
        var f0Sum = 0.0
        var jitter = Mean()
        var shimmer = Mean()
        var hnr = Mean()
        var perSecond: [Double?] = []
        var bucket = (second: -1, sum: 0.0, count: 0)
        func flush() {
            guard bucket.count > 0 else { return }
            while perSecond.count < bucket.second { perSecond.append(nil) }
            perSecond.append(bucket.sum / Double(bucket.count))
        }
        for segment in segments {
            let lower = max(segment.start, start)
            let upper = min(segment.end, end)
            guard upper > lower else { continue }
            talkSeconds += upper - lower
            let first = Int((lower / FrameClock.hop).rounded(.up))
            for (offset, frame) in track.frames(from: lower, to: upper).enumerated() {
                let second = (first + offset) / 100
                if second != bucket.second {
                    flush()
                    bucket = (second, 0, 0)
                }
                // Non-finite measurements (a broken frame) are skipped: the report must stay valid JSON.
                let score = LoudnessScale.score(loudnessDb: frame.loudnessDb)
                if score.isFinite {
                    bucket.sum += Double(score)
                    bucket.count += 1
                }
                if frame.syllableNucleus { nuclei += 1 }
                guard frame.voiced, frame.f0Hz > 0, frame.f0Hz.isFinite else { continue }
                f0Sum += Double(frame.f0Hz)
                semitones.append(12 * log2(Double(frame.f0Hz) / 27.5))
                if frame.jitterLocal > 0 { jitter.add(Double(frame.jitterLocal)) }
                if frame.shimmerLocal > 0 { shimmer.add(Double(frame.shimmerLocal)) }
                hnr.add(Double(frame.hnrDb))
            }
        }
        flush()
        let seconds = perSecond.compactMap { $0 }
        voice.loudness = seconds.isEmpty ? nil : seconds.reduce(0, +) / Double(seconds.count)
        if !semitones.isEmpty {
            semitones.sort()
            voice.f0MeanHz = f0Sum / Double(semitones.count)
            voice.f0MeanSemitones = semitones.reduce(0, +) / Double(semitones.count)
            voice.f0RangeSemitones = Self.percentile(semitones, 0.95) - Self.percentile(semitones, 0.05)
        }
        voice.jitterLocal = jitter.value
        voice.shimmerLocal = shimmer.value
        voice.hnrDb = hnr.value
        if start == 0 { loudnessPerSecond = perSecond.map { $0.map { ($0 * 10).rounded() / 10 } } }
    }

    private static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        sorted[min(sorted.count - 1, Int(fraction * Double(sorted.count - 1)))]
    }

    private struct Mean {
        var sum = 0.0
        var count = 0
        mutating func add(_ value: Double) {
            guard value.isFinite else { return }
            sum += value
            count += 1
        }
        var value: Double? { count > 0 ? sum / Double(count) : nil }
    }
}
