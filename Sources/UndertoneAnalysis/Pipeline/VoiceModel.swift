import Foundation
public import UndertoneDSP
import UndertoneModels

/// The speech network's weights, read once per process from the model bundle and shared by every analyzer.
public enum VoiceModel {
    /// The weights, or a one-line error saying how to fetch them.
    public static func weights() throws(SileroVoiceWeights.LoadError) -> SileroVoiceWeights {
        try loaded.get()
    }

    private static let loaded: Result<SileroVoiceWeights, SileroVoiceWeights.LoadError> = {
        let url = ModelFiles.sileroVoiceWeights
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(SileroVoiceWeights.LoadError(description:
                "\(url.path): Silero VAD weights missing; run Scripts/models/fetch-silero-vad.sh (./quickstart does)"))
        }
        return Result { () throws(SileroVoiceWeights.LoadError) in try SileroVoiceWeights(bytes: [UInt8](data)) }
            .mapError { SileroVoiceWeights.LoadError(description: "\(url.path): \($0.description)") }
    }()
}
