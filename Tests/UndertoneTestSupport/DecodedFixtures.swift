import Foundation
import Synchronization
package import UndertoneAnalysis
import UndertoneAudio

/// Each fixture call decoded once per test process: the DSP core is slow in debug builds, and a dozen suites need
/// the same calls' frames. Thread-safe; suites running in parallel wait for the first decode of a call.
package enum DecodedFixtures {
    private static let cache = Mutex<[String: Result<DecodedCall, AudioError>]>([:])

    /// The frames of `AudioFixtures/calls/<name>.wav`, decoded as ``CallAnalyzer`` decodes it.
    package static func call(_ name: String) throws -> DecodedCall {
        let voiceModel = try VoiceModel.weights()
        return try cache.withLock { cache in
            if let decoded = cache[name] { return decoded }
            let decoded = Result { () throws(AudioError) in
                try DecodedCall(
                    reading: AnalysisAudioReader(path: Fixtures.call(name, "wav").path, channels: nil), channels: nil,
                    voiceModel: voiceModel
                )
            }
            cache[name] = decoded
            return decoded
        }.get()
    }
}
