import Foundation
import Synchronization
package import UndertoneAnalysis
import UndertoneAudio

/// Each fixture call decoded once per test process: the DSP core is slow in debug builds, and a dozen suites need
/// the same calls' frames. Each call decodes in its own task, so different calls decode at the same time, and a test
/// waiting for one suspends instead of blocking one of the few threads Swift Testing runs every test on (a lock held
/// across the decode stalled the whole suite until all six calls were decoded).
package enum DecodedFixtures {
    private static let decodes = Mutex<[String: Task<DecodedCall, any Error>]>([:])

    /// The frames of `AudioFixtures/calls/<name>.wav`, decoded as ``CallAnalyzer`` decodes it.
    package static func call(_ name: String) async throws -> DecodedCall {
        let decode = decodes.withLock { decodes in
            if let decode = decodes[name] { return decode }
            let decode = Task {
                try DecodedCall(
                    reading: AnalysisAudioReader(path: Fixtures.call(name, "wav").path, channels: nil), channels: nil,
                    voiceModel: VoiceModel.weights()
                )
            }
            decodes[name] = decode
            return decode
        }
        return try await decode.value
    }
}
