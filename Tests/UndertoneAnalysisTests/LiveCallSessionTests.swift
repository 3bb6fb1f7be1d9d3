import Foundation
import Testing
import UndertoneAudio
@testable import UndertoneAnalysis
@testable import UndertoneConversation
@testable import UndertoneRubrics
@testable import UndertoneSentiment
@testable import UndertoneTranscripts

/// The live session on fixture audio fed 20 ms at a time, as a tap delivers it.
@Suite struct LiveCallSessionTests {
    @Test(arguments: ["layout-deadair", "sample-call", "opening-fail"])
    func deadAirAlertFiresWithinATenthOfASecondOfTheThreshold(_ name: String) throws {
        let (truth, _, _) = try ConversationFixtureTests.loadLayout(name)
        let path = ConversationFixtureTests.callsDirectory.appendingPathComponent("\(name).wav").path
        var reader = try AnalysisAudioReader(path: path, blockFrames: 160)
        var session = try LiveCallSession(speakers: [.agent, .customer])
        var alerts: [LiveAlert] = []
        var block: [[Float]] = []
        while try reader.read(into: &block) { alerts += session.push(block) }
        alerts += session.finish()
        let deadAirs = alerts.filter { $0.kind == .deadAir }
        #expect(deadAirs.count == truth.deadAir.count, "\(deadAirs)")
        for (alert, expected) in zip(deadAirs, truth.deadAir) {
            let delay = alert.audioTime - (expected.start + 5)
            #expect(delay >= -0.05 && delay <= 0.1, "\(name): alert at \(alert.audioTime) for dead air from \(expected.start)")
        }
    }
}
