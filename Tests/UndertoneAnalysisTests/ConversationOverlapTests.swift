import Testing

@testable import UndertoneAnalysis
@testable import UndertoneConversation
@testable import UndertoneRubrics
@testable import UndertoneSentiment
@testable import UndertoneTranscripts

/// Interruptions versus backchannels on a generated call with known overlaps.
@Suite struct ConversationOverlapTests {
    static let layout = SyntheticCall(
        duration: 52,
        agent: [
            .init(start: 0, end: 10), .init(start: 12, end: 12.5), .init(start: 15, end: 20),
            .init(start: 25, end: 26.5), .init(start: 28, end: 32), .init(start: 33, end: 40),
            .init(start: 42, end: 50),
        ],
        customer: [
            .init(start: 3, end: 3.6), .init(start: 7, end: 14), .init(start: 18, end: 18.2), .init(start: 22, end: 30),
            .init(start: 35, end: 35.8), .init(start: 45, end: 46.5),
        ],
        vadNoise: true)
    static let words =
        SyntheticCall.words(["mm-hm,", "yeah", "okay."], from: 25, to: 26.5, role: .agent)
        + SyntheticCall.words(["no", "wait"], from: 35, to: 35.8, role: .customer)

    struct Expected {
        var start: Double
        var end: Double
        var interrupter: Speaker
        var kind: Overlap.Kind
    }

    static let expected: [Expected] = [
        .init(start: 3, end: 3.6, interrupter: .customer, kind: .backchannel),
        .init(start: 7, end: 10, interrupter: .customer, kind: .interruption),
        .init(start: 12, end: 12.5, interrupter: .agent, kind: .backchannel),
        .init(start: 25, end: 26.5, interrupter: .agent, kind: .backchannel),
        .init(start: 28, end: 30, interrupter: .agent, kind: .interruption),
        .init(start: 35, end: 35.8, interrupter: .customer, kind: .backchannel),
        .init(start: 45, end: 46.5, interrupter: .customer, kind: .interruption),
    ]

    @Test func everyOverlapIsFoundWithTheRightInterrupterAndKind() {
        let result = ConversationPauseTests.analyze(Self.layout, words: Self.words)
        #expect(result.overlaps.count == Self.expected.count, "\(result.overlaps)")
        for (overlap, truth) in zip(result.overlaps, Self.expected) {
            #expect(abs(overlap.start - truth.start) <= 0.3 && abs(overlap.end - truth.end) <= 0.3, "\(overlap)")
            #expect(overlap.interrupter == truth.interrupter, "\(overlap)")
            #expect(overlap.kind == truth.kind, "\(overlap)")
        }
    }

    @Test func backchannelsAreNotCountedAsInterruptions() {
        let result = ConversationPauseTests.analyze(Self.layout, words: Self.words)
        let call = result.stats.call
        #expect(call.interruptionCount == 3)
        #expect(call.backchannelCount == 4)
        #expect(abs(call.interruptionSeconds - 6.5) <= 0.3)
        #expect(result.stats.customer?.interruptionCount == 2)
        #expect(abs((result.stats.customer?.interruptionSeconds ?? 0) - 4.5) <= 0.3)
        #expect(result.stats.agent?.interruptionCount == 1)
        #expect(result.stats.agent?.backchannelCount == 2)
    }

    /// Without the transcript, 1.5 s of "mm-hm, yeah, okay" is long enough to count as taking the floor.
    @Test func backchannelVocabularyExtendsTheBackchannelLength() {
        let result = ConversationPauseTests.analyze(Self.layout)
        let overlap = result.overlaps.first { abs($0.start - 25) < 0.3 }
        #expect(overlap?.kind == .interruption)
    }

    @Test func overlapsShorterThanTheMinimumAreIgnored() {
        let result = ConversationPauseTests.analyze(Self.layout)
        #expect(!result.overlaps.contains { $0.start > 17.5 && $0.start < 18.5 })
    }

    /// Line echo that the VAD takes for speech (32 dB down) is not the other party talking.
    @Test func echoOnTheOtherLineIsNotSpeechOrOverlap() {
        var call = Self.layout
        call.echoDb = 32
        let result = ConversationPauseTests.analyze(call, words: Self.words)
        let clean = ConversationPauseTests.analyze(Self.layout, words: Self.words)
        #expect(result.overlaps == clean.overlaps)
        #expect(abs((result.stats.agent?.talkSeconds ?? 0) - (clean.stats.agent?.talkSeconds ?? 0)) < 0.05)
        #expect(abs((result.stats.customer?.talkSeconds ?? 0) - (clean.stats.customer?.talkSeconds ?? 0)) < 0.05)
        var unfiltered = ConversationOptions()
        unfiltered.crosstalkMarginDb = nil
        let tracks = call.tracks()
        let raw = ConversationAnalyzer.analyze(
            agent: tracks.agent, customer: tracks.customer, mixed: nil, words: Self.words, options: unfiltered)
        #expect(raw.overlaps != clean.overlaps, "the echo must matter without the margin")
    }
}
