import Testing
import UndertoneAudio
import UndertoneDSP
@testable import UndertoneConversation

/// `ActivitySmoother` and `ConversationTracker` on hand-written frame sequences whose answers can be worked out on
/// paper, rather than only through the analyzers.
@Suite struct ActivitySmootherScenarioTests {
    /// Every frame's settled label after feeding `pattern` and finishing: in the pattern `C` is confident activity,
    /// `h` activity kept only by hangover, `.` inactivity and `|` inactivity that breaks a run at once; in the result
    /// `X` is active and `.` inactive.
    static func labels(_ pattern: String, minimum: Int = 3, bridge: Int = 2, trim: Int = 0) -> String {
        var smoother = ActivitySmoother(minimumFrames: minimum, bridgeFrames: bridge, trimFrames: trim)
        for c in pattern { smoother.advance(active: c == "C" || c == "h", confident: c == "C", breaks: c == "|") }
        smoother.finish()
        var result = "", frame = 0
        while frame < pattern.count {
            let (active, until) = smoother.label(at: frame)
            result += String(repeating: active ? "X" : ".", count: until - frame)
            frame = until
        }
        return result
    }

    @Test(arguments: [
        ("..CC......", "..........", 0),  // shorter than the minimum: dropped
        (".CCCC.CCCC....", ".XXXXXXXXX....", 0),  // a dropout shorter than the bridge: one run
        (".CCCC..CCCC....", ".XXXX..XXXX....", 0),  // a dropout as long as the bridge: two runs
        (".CCCC|CCCC....", ".XXXX.XXXX....", 0),  // a breaking frame ends the run at once
        (".CCCChhhh......", ".XXXXXX........", 2),  // hangover trimmed, by at most `trim` frames
        (".CCCChhhh......", ".XXXX..........", 9),  // … or back to the last confident frame
    ])
    func settlesRuns(pattern: String, expected: String, trim: Int) {
        #expect(Self.labels(pattern, trim: trim) == expected, "\(pattern)")
    }

    @Test func inactivitySettlesWithinTwiceTheMinimumOfABlip() {
        var smoother = ActivitySmoother(minimumFrames: 3, bridgeFrames: 2, trimFrames: 0)
        for c in "CCCC......CC" { smoother.advance(active: c == "C", confident: true) }
        // The blip at frames 10–11 is still a candidate: frames before it are final, it is not.
        #expect(smoother.settled == 10)
        smoother.advance(active: false, confident: false)
        smoother.advance(active: false, confident: false)
        #expect(smoother.settled == 14)
    }
}

@Suite struct ConversationTrackerScenarioTests {
    static func speech(loudnessDb: Float = -20) -> Frame {
        var frame = Frame.silent
        frame.isSpeech = true
        frame.speechProbability = 1
        frame.voiced = true
        frame.loudnessDb = loudnessDb
        frame.energyDb = loudnessDb
        return frame
    }

    static var music: Frame {
        var frame = Frame.silent
        frame.isMusic = true
        frame.energyDb = -25  // audible: the hold smoother takes music below −50 dBFS for quiet
        frame.musicProbability = 1
        return frame
    }

    /// The tracker's events over stretches of (seconds, agent frame, customer frame), finished at the end.
    static func events(_ stretches: [(seconds: Double, agent: Frame, customer: Frame)]) throws -> [ConversationEvent] {
        var tracker = try ConversationTracker(speakers: [.agent, .customer])
        var events: [ConversationEvent] = []
        for stretch in stretches {
            for _ in 0..<Int((stretch.seconds * 100).rounded()) { tracker.advance(stretch.agent, stretch.customer, into: &events) }
        }
        tracker.finish(into: &events)
        return events
    }

    static func pauses(_ events: [ConversationEvent]) -> [Pause] {
        events.compactMap { if case .pause(let pause) = $0 { pause } else { nil } }
    }

    static func speech(_ events: [ConversationEvent]) -> [SpeechSegment] {
        events.compactMap { if case .speech(let segment) = $0 { segment } else { nil } }
    }

    static func overlaps(_ events: [ConversationEvent]) -> [Overlap] {
        events.compactMap { if case .overlap(let overlap) = $0 { overlap } else { nil } }
    }

    @Test func silenceBetweenTurnsIsDeadAirFromItsLength() throws {
        let events = try Self.events([(2, Self.speech(), .silent), (6, .silent, .silent), (2, .silent, Self.speech())])
        let segments = Self.speech(events)
        #expect(segments.map(\.speaker) == [.agent, .customer])
        #expect(abs(segments[0].start - 0) < 0.02 && abs(segments[0].end - 2) < 0.02)
        #expect(abs(segments[1].start - 8) < 0.02 && abs(segments[1].end - 10) < 0.02)
        let pauses = Self.pauses(events)
        #expect(pauses.count == 1)
        #expect(pauses.first?.kind == .deadAir)
        #expect(abs((pauses.first?.start ?? 0) - 2) < 0.02 && abs((pauses.first?.end ?? 0) - 8) < 0.02)
    }

    @Test func shortSilenceIsAGapAndMusicIsHold() throws {
        let events = try Self.events([
            (2, Self.speech(), .silent), (1, .silent, .silent), (2, .silent, Self.speech()),
            (10, Self.music, .silent), (2, Self.speech(), .silent),
        ])
        #expect(Self.pauses(events).map(\.kind) == [.gap, .hold])
        let hold = try #require(Self.pauses(events).last)
        #expect(abs(hold.start - 5) < 0.05 && abs(hold.end - 15) < 0.05, "\(hold)")
    }

    @Test func customerTalkingOverTheAgentIsAnInterruptionByTheCustomer() throws {
        let events = try Self.events([
            (2, Self.speech(), .silent), (2, Self.speech(), Self.speech()), (2, .silent, Self.speech()),
        ])
        let overlaps = Self.overlaps(events)
        #expect(overlaps.count == 1)
        #expect(overlaps.first?.interrupter == .customer && overlaps.first?.kind == .interruption)
        #expect(abs((overlaps.first?.start ?? 0) - 2) < 0.02 && abs((overlaps.first?.end ?? 0) - 4) < 0.02)
    }

    @Test func quieterChannelUnderTheLouderIsCrosstalkNotOverlap() throws {
        let events = try Self.events([(3, Self.speech(loudnessDb: -10), Self.speech(loudnessDb: -60))])
        #expect(Self.overlaps(events).isEmpty)
        #expect(Self.speech(events).map(\.speaker) == [.agent])
    }

    @Test func moreThanTwoOrRepeatedPartiesAreRejected() {
        #expect(throws: ChannelSetupError.self) { try ConversationTracker(speakers: [.agent, .agent]) }
        #expect(throws: ChannelSetupError.self) { try ConversationTracker(speakers: [.agent, .customer, .mixed]) }
    }
}
