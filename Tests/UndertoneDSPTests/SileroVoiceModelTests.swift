import Foundation
import Testing
@testable import UndertoneDSP

@Suite struct SileroVoiceModelTests {
    /// Speech probabilities of chunks 0…30 of `signal`, computed once by onnxruntime 1.23 running the wheel's
    /// `silero_vad.onnx` (silero-vad 6.2.3, sr = 8000, 256-sample chunks with the 32-sample context carried), the same
    /// way Scripts/models/check_silero.py does.
    static let onnxruntime: [Float] = [
        0.487648, 0.661983, 0.641083, 0.388184, 0.115403, 0.066047, 0.30228, 0.620589, 0.535749, 0.363872, 0.266283,
        0.157531, 0.071543, 0.041914, 0.188876, 0.357382, 0.430181, 0.277845, 0.092852, 0.041085, 0.02154, 0.020413,
        0.077957, 0.190249, 0.44839, 0.144078, 0.061171, 0.014746, 0.004559, 0.006998, 0.031349,
    ]

    /// One second at 8 kHz: ten harmonics of 140 Hz (amplitude 1/h) under a 4 Hz raised-cosine envelope, × 0.3.
    static let signal: [Float] = (0..<8000).map { i in
        let n = Double(i)
        let envelope = 0.5 - 0.5 * cos(2 * Double.pi * 4 * n / 8000)
        let harmonics = (1...10).reduce(0.0) { $0 + sin(2 * Double.pi * Double($1) * 140 * n / 8000) / Double($1) }
        return Float(harmonics * 0.3 * envelope)
    }

    @Test func forwardPassMatchesOnnxruntime() {
        var model = SileroVoiceModel(weights: TestVoiceModel.weights)
        Self.signal.withUnsafeBufferPointer { samples in
            for (c, expected) in Self.onnxruntime.enumerated() {
                let p = model.probability(ofChunk: samples.baseAddress! + c * SileroVoiceModel.chunkSamples)
                #expect(abs(p - expected) < 1e-4, "chunk \(c): \(p), onnxruntime \(expected)")
            }
        }
    }

    @Test func resetForgetsTheCarriedState() {
        var model = SileroVoiceModel(weights: TestVoiceModel.weights)
        Self.signal.withUnsafeBufferPointer { samples in
            let first = model.probability(ofChunk: samples.baseAddress!)
            _ = model.probability(ofChunk: samples.baseAddress! + 256)
            model.reset()
            #expect(model.probability(ofChunk: samples.baseAddress!) == first)
        }
    }

    @Test func badWeightFilesAreRefusedWithOneLine() {
        #expect(throws: SileroVoiceWeights.LoadError.self) { try SileroVoiceWeights(bytes: Array("nonsense".utf8)) }
        var truncated = Array("UTSVAD8K".utf8) + [1, 0, 0, 0]
        truncated += [0, 0, 0x80, 0x3f]
        do {
            _ = try SileroVoiceWeights(bytes: truncated)
            Issue.record("a one-value file was accepted")
        } catch {
            #expect(error.description.contains("expected 219009 values"), "\(error.description)")
        }
    }
}
