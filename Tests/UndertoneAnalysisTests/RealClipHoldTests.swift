import Foundation
import Testing
import UndertoneAudio
import UndertoneDSP

@testable import UndertoneAnalysis
import UndertoneTestSupport
@testable import UndertoneConversation

/// Hold on short real recordings (Scripts/realaudio/fetch_test_clips.sh → AudioFixtures/real/, git-ignored; sources
/// and licences in each clip's .json), analyzed without a transcript: recorded hold music is one hold over nearly
/// all of it, a real telephone conversation and a recorded voice prompt are never hold.
@Suite(.enabled(if: RealClipFolder.available, "AudioFixtures/real/ is missing: run Scripts/realaudio/fetch_test_clips.sh"))
struct RealClipHoldTests {

    /// The holds `analyze` reports on the mono clip `name`, without a transcript.
    static func holds(_ name: String) throws -> [Pause] {
        let path = RealClipFolder.directory.appendingPathComponent("\(name).wav").path
        let call = try DecodedCall(
            reading: AnalysisAudioReader(path: path, channels: nil), channels: nil, voiceModel: VoiceModel.weights())
        let result = ConversationAnalyzer.analyze(agent: nil, customer: nil, mixed: call.tracks[0], words: [])
        return result.pauses.filter { $0.kind == .hold }
    }

    @Test func holdMusicIsOneHoldOverNearlyAllOfIt() throws {
        let holds = try Self.holds("music-hold")
        #expect(holds.count == 1, "\(holds)")
        let covered = holds.reduce(0) { $0 + $1.end - $1.start }
        // 6.00 s of music (Macroform, "Cold Day"); measured 5.99 s.
        #expect(covered >= 0.95 * 6.0, "\(covered) s of 6 s reported as hold")
    }

    @Test(arguments: ["speech-conversation", "speech-read"]) func voiceIsNeverHold(_ name: String) throws {
        let holds = try Self.holds(name)
        #expect(holds.isEmpty, "\(name): \(holds)")
    }
}

/// AudioFixtures/real/, made by Scripts/realaudio/fetch_test_clips.sh.
enum RealClipFolder {
    static let directory = Fixtures.repository.appendingPathComponent("AudioFixtures/real")
    static var available: Bool { FileManager.default.fileExists(atPath: directory.appendingPathComponent("silence.json").path) }
}
