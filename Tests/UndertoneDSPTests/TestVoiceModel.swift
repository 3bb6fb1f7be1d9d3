import Foundation
import UndertoneDSP

/// The speech network's weights for the DSP tests, read from the repository's Models/vad (the DSP module itself
/// never reads files; `Scripts/models/fetch-silero-vad.sh`, run by ./quickstart, makes the file).
enum TestVoiceModel {
    static let weights: SileroVoiceWeights = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Models/vad/silero-vad-8k.bin").standardized
        guard let data = FileManager.default.contents(atPath: url.path) else {
            fatalError("\(url.path) missing: run Scripts/models/fetch-silero-vad.sh")
        }
        do { return try SileroVoiceWeights(bytes: [UInt8](data)) } catch { fatalError("\(url.path): \(error)") }
    }()
}

extension ChannelAnalyzer {
    /// An analyzer with the test weights.
    convenience init(stages: AnalysisStages = .all) {
        self.init(stages: stages, voiceModel: TestVoiceModel.weights)
    }

    /// All frames of `samples`, with the test weights.
    static func analyze(samples: [Float], stages: AnalysisStages = .all) -> FrameTrack {
        analyze(samples: samples, stages: stages, voiceModel: TestVoiceModel.weights)
    }
}
