import Foundation
import Testing
import UndertoneAudio
import UndertoneDSP
import UndertoneTestSupport
import UndertoneTranscripts
@testable import UndertoneAnalysis

/// Inputs that do not belong together are caught (issue 15 §1): each case is built from the fixture calls, and each
/// must give a note of the right severity and no confident transcript-based score.
@Suite struct InputMismatchTests {
    static func transcript(_ name: String) throws -> Transcript {
        try TranscriptReader.read(url: Fixtures.call(name, "json"))
    }

    static func metadata(_ name: String) throws -> CallMetadata {
        try CallMetadata.read(url: Fixtures.call(name, "meta.json"))
    }

    static func report(audio: DecodedCall, transcript name: String?, options: AnalysisOptions = AnalysisOptions()) throws -> CallReport {
        try CallAnalyzer(options: options).report(
            for: audio, transcript: try name.map(transcript), metadata: try metadata(name ?? "sample-call"))
    }

    /// The transcript-based parts of a report are withheld: no opening score, no criterion passed or failed, no
    /// sentiment, and an `error` diagnostic from `check`.
    static func expectWithheld(_ report: CallReport, check: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let errors = report.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.check) == [check], "\(report.diagnostics)", sourceLocation: sourceLocation)
        #expect(report.notes.contains { $0.hasPrefix("error: ") }, sourceLocation: sourceLocation)
        #expect(report.opening?.score == nil && report.opening?.reason?.contains(check) == true, sourceLocation: sourceLocation)
        #expect(report.criteria.allSatisfy { $0.passed == nil }, sourceLocation: sourceLocation)
        #expect(report.sentiment.turns.isEmpty, sourceLocation: sourceLocation)
        #expect(report.moments.allSatisfy { $0.criterion == nil }, sourceLocation: sourceLocation)
        #expect(!ReportTextRenderer.render(report).contains("/100"), sourceLocation: sourceLocation)
    }

    @Test func matchingInputsRaiseNoDiagnostic() async throws {
        for name in ["sample-call", "opening-pass", "layout-overlap"] {
            let report = try Self.report(audio: try await DecodedFixtures.call(name), transcript: name)
            #expect(report.diagnostics.isEmpty, "\(name): \(report.diagnostics)")
            #expect(report.opening?.score != nil)
        }
    }

    @Test func transcriptOfAnotherCallIsWithheld() async throws {
        // Same length class, different words and turn timing.
        let report = try Self.report(audio: try await DecodedFixtures.call("opening-pass"), transcript: "layout-noisy")
        Self.expectWithheld(report, check: "wordsOnSpeech")
    }

    /// A transcript of a call with the same turn rhythm: most words land on speech, but not all of the speech has
    /// words. Not withheld, but a warning says to check it.
    @Test func looselyMatchingTranscriptIsAWarning() async throws {
        let report = try Self.report(audio: try await DecodedFixtures.call("layout-noisy"), transcript: "layout-overlap")
        #expect(report.diagnostics.map(\.severity) == [.warning] && report.diagnostics.first?.check == "wordsOnSpeech")
        #expect(report.notes.contains { $0.hasPrefix("warning: ") })
        #expect(report.opening?.score != nil)
    }

    @Test func transcriptLongerThanTheAudioIsWithheld() async throws {
        // The 86 s sample call's transcript on the 22.7 s overlap call (the case: moments at 1:20 of a 0:22 call).
        let report = try Self.report(audio: try await DecodedFixtures.call("layout-overlap"), transcript: "sample-call")
        Self.expectWithheld(report, check: "wordsPastEnd")
        #expect(report.moments.allSatisfy { $0.end <= report.call.durationSeconds })
    }

    @Test func swappedChannelsAreDetectedAndFixedOnRequest() async throws {
        let call = try await DecodedFixtures.call("sample-call")
        let swapped = try Self.report(audio: call.swappingRoles(), transcript: "sample-call")
        Self.expectWithheld(swapped, check: "swappedRoles")

        let fixed = try Self.report(audio: call.swappingRoles(), transcript: "sample-call", options: AnalysisOptions(fixRoles: true))
        let straight = try Self.report(audio: call, transcript: "sample-call")
        #expect(fixed.diagnostics.map(\.severity) == [.warning] && fixed.diagnostics.first?.check == "swappedRoles")
        #expect(fixed.speakers == straight.speakers)
        #expect(fixed.opening == straight.opening && fixed.overlaps == straight.overlaps)
    }

    /// The customer channel silent while the transcript has the customer talking.
    @Test func oneWayAudioIsCaught() async throws {
        let call = try await DecodedFixtures.call("sample-call")
        var tracks = call.tracks
        let customer = call.parties.firstIndex(of: .customer)!
        tracks[customer] = FrameTrack(frames: Array(repeating: .silent, count: tracks[customer].frames.count))
        let oneWay = DecodedCall(info: call.info, parties: call.parties, channels: call.channels, tracks: tracks, duration: call.duration)

        let report = try Self.report(audio: oneWay, transcript: "sample-call")
        Self.expectWithheld(report, check: "silentParty")
        #expect(report.diagnostics.contains { $0.check == "oneWayAudio" && $0.severity == .warning })

        let withoutTranscript = try Self.report(audio: oneWay, transcript: nil)
        #expect(withoutTranscript.diagnostics.map(\.check) == ["oneWayAudio"])
    }

    /// 30 s of digital silence, stereo 8 kHz 16-bit, as bytes: a note, and N/A rather than a score.
    @Test func digitalSilenceIsNoted() throws {
        let report = try CallAnalyzer().analyze(audio: Self.silentWAV(seconds: 30), sourceName: "silence")
        #expect(report.diagnostics.map(\.check) == ["silentAudio"])
        #expect(report.diagnostics.first?.severity == .warning)
        #expect(report.opening?.score == nil && report.opening?.reason == "the call has no transcript")
        #expect(ReportTextRenderer.render(report).contains("score N/A (the call has no transcript)"))
    }

    static func silentWAV(seconds: Int) -> Data {
        let rate = 8000, channels = 2
        let bytes = seconds * rate * channels * 2
        var data = Data("RIFF".utf8)
        func append(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        func append16(_ value: UInt16) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        append(UInt32(36 + bytes))
        data.append(contentsOf: Array("WAVEfmt ".utf8))
        append(16); append16(1); append16(UInt16(channels)); append(UInt32(rate)); append(UInt32(rate * channels * 2))
        append16(UInt16(channels * 2)); append16(16)
        data.append(contentsOf: Array("data".utf8))
        append(UInt32(bytes))
        data.append(Data(count: bytes))
        return data
    }
}
