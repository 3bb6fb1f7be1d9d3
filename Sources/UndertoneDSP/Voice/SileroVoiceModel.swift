import Foundation
internal import CBLAS
internal import CFFTW

/// Silero VAD's 8 kHz network, run natively one 32 ms chunk at a time with its state carried between chunks.
///
/// Per chunk of 256 new samples (what `silero_vad.onnx` computes for `sr = 8000`, checked by
/// `Scripts/models/convert_silero.py` and matched to onnxruntime within 1e-4 by `Scripts/models/check_silero.py`):
/// the last 32 samples of the previous input are prepended (288), the right end is reflection-padded by 32 (320);
/// an STFT of 128-sample periodic-Hann frames at hop 64 gives 4 frames of 65 magnitudes; four kernel-3 convolutions
/// with ReLU (strides 1, 2, 2, 1; 65 → 128 → 64 → 64 → 128 channels) reduce them to one 128-vector; an LSTM cell
/// (128 units) updates its state from it; ReLU, a 128 → 1 projection and a sigmoid give the speech probability.
///
/// Every buffer is allocated in `init`; `probability(ofChunk:)` allocates nothing and does no reference counting.
struct SileroVoiceModel: ~Copyable {
    static let chunkSamples = 256
    static let contextSamples = 32
    private static let padded = contextSamples + chunkSamples + 32
    private static let fftSize = 128
    private static let hop = 64
    private static let stftFrames = (padded - fftSize) / hop + 1
    private static let bins = fftSize / 2 + 1
    private static let hidden = SileroVoiceWeights.hidden

    private let weights: SileroVoiceWeights
    private let plan: RealFFTPlan
    /// The four encoder layers, copied out of the weights so that the per-chunk loop touches no array.
    private let layers: UnsafeMutablePointer<SileroVoiceWeights.ConvolutionLayer>
    /// The padded input: context, chunk, reflection.
    private let input: UnsafeMutablePointer<Float>
    private let window: UnsafeMutablePointer<Float>
    private let fftIn: FFTWBuffer
    private let fftOut: FFTWBuffer
    /// Layer activations, channel-major (channel × time); the largest is 128 × 4.
    private let activationA: UnsafeMutablePointer<Float>
    private let activationB: UnsafeMutablePointer<Float>
    /// im2col columns of the layer being computed, one per output step: output time × (input channels · 3).
    private let columns: UnsafeMutablePointer<Float>
    /// LSTM input [x; h] (256) and its gate pre-activations (512).
    private let lstmInput: UnsafeMutablePointer<Float>
    private let gates: UnsafeMutablePointer<Float>
    private let cell: UnsafeMutablePointer<Float>

    init(weights: SileroVoiceWeights) {
        self.weights = weights
        plan = RealFFTPlan.shared(size: Self.fftSize)
        layers = .allocate(capacity: weights.encoder.count)
        layers.initialize(from: weights.encoder, count: weights.encoder.count)
        input = .allocate(capacity: Self.padded)
        window = .allocate(capacity: Self.fftSize)
        for i in 0..<Self.fftSize {
            window[i] = 0.5 - 0.5 * cosf(2 * .pi * Float(i) / Float(Self.fftSize))
        }
        fftIn = FFTWBuffer(count: Self.fftSize)
        fftOut = FFTWBuffer(count: 2 * Self.bins)
        activationA = .allocate(capacity: 128 * Self.stftFrames)
        activationB = .allocate(capacity: 128 * Self.stftFrames)
        columns = .allocate(capacity: 128 * 3 * Self.stftFrames)
        lstmInput = .allocate(capacity: 2 * Self.hidden)
        gates = .allocate(capacity: 4 * Self.hidden)
        cell = .allocate(capacity: Self.hidden)
        reset()
    }

    deinit {
        layers.deallocate(); input.deallocate(); window.deallocate(); activationA.deallocate(); activationB.deallocate()
        columns.deallocate(); lstmInput.deallocate(); gates.deallocate(); cell.deallocate()
    }

    /// Forgets the carried context and LSTM state, as at the start of a stream.
    mutating func reset() {
        input.initialize(repeating: 0, count: Self.padded)
        lstmInput.initialize(repeating: 0, count: 2 * Self.hidden)
        cell.initialize(repeating: 0, count: Self.hidden)
    }

    /// Forgets the LSTM state but keeps the waveform context: after a long silence, as at the start of a stream.
    mutating func forgetState() {
        lstmInput.update(repeating: 0, count: 2 * Self.hidden)
        cell.update(repeating: 0, count: Self.hidden)
    }

    /// Passes over a chunk without running the network (the cascade's plainly silent chunks): its last samples
    /// become the next chunk's context; the LSTM state is kept.
    mutating func skip(_ chunk: UnsafePointer<Float>) {
        (input + Self.chunkSamples).update(from: chunk + Self.chunkSamples - Self.contextSamples,
                                           count: Self.contextSamples)
    }

    /// The speech probability of the next 256 samples (8 kHz, full scale ±1), updating the carried state.
    mutating func probability(ofChunk chunk: UnsafePointer<Float>) -> Float {
        let context = Self.contextSamples, n = context + Self.chunkSamples
        // The previous input's last 32 samples become this one's context.
        input.update(from: input + Self.chunkSamples, count: context)
        (input + context).update(from: chunk, count: Self.chunkSamples)
        for i in 0..<(Self.padded - n) { input[n + i] = input[n - 2 - i] }

        stft(into: activationA)
        var length = Self.stftFrames
        var from = activationA, to = activationB
        for l in 0..<SileroVoiceWeights.encoderLayers {
            length = convolve(from, length: length, layer: layers[l], output: to)
            swap(&from, &to)
        }
        precondition(length == 1)
        // LSTM cell on [x; h]: gates i, f, g, o.
        let hidden = Self.hidden
        lstmInput.update(from: from, count: hidden)
        gates.update(from: weights.lstmBias, count: 4 * hidden)
        cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(4 * hidden), Int32(2 * hidden), 1,
                    weights.lstmWeight, Int32(2 * hidden), lstmInput, 1, 1, gates, 1)
        let h = lstmInput + hidden
        var logit = weights.decoderBias
        for u in 0..<hidden {
            let i = Self.sigmoid(gates[u]), f = Self.sigmoid(gates[hidden + u])
            let g = Self.tanh(gates[2 * hidden + u]), o = Self.sigmoid(gates[3 * hidden + u])
            cell[u] = f * cell[u] + i * g
            h[u] = o * Self.tanh(cell[u])
            logit += max(h[u], 0) * weights.decoderWeight[u]
        }
        return Self.sigmoid(logit)
    }

    /// Magnitudes of the 4 STFT frames of `input`, channel-major (65 × 4).
    private func stft(into out: UnsafeMutablePointer<Float>) {
        let bins = UnsafeMutableRawPointer(fftOut.pointer).assumingMemoryBound(to: fftwf_complex.self)
        for t in 0..<Self.stftFrames {
            let frame = input + t * Self.hop
            for i in 0..<Self.fftSize { fftIn.pointer[i] = frame[i] * window[i] }
            fftwf_execute_dft_r2c(plan.forward, fftIn.pointer, bins)
            for k in 0..<Self.bins {
                let re = fftOut.pointer[2 * k], im = fftOut.pointer[2 * k + 1]
                out[k * Self.stftFrames + t] = (re * re + im * im).squareRoot()
            }
        }
    }

    /// One kernel-3, padding-1 convolution with ReLU: per output step, the weight matrix times that step's
    /// im2col column (a matrix-vector product: OpenBLAS's matrix-matrix path would repack the weights every call,
    /// which cost more than the products at these sizes); returns the output length.
    private func convolve(_ x: UnsafeMutablePointer<Float>, length: Int, layer shape: SileroVoiceWeights.ConvolutionLayer,
                          output y: UnsafeMutablePointer<Float>) -> Int {
        let outLength = (length - 1) / shape.stride + 1
        let depth = shape.input * 3
        for t in 0..<outLength {
            let column = columns + t * depth
            for c in 0..<shape.input {
                for k in 0..<3 {
                    let s = t * shape.stride + k - 1
                    column[c * 3 + k] = s >= 0 && s < length ? x[c * length + s] : 0
                }
            }
        }
        for o in 0..<shape.output {
            for t in 0..<outLength { y[o * outLength + t] = shape.bias[o] }
        }
        for t in 0..<outLength {
            cblas_sgemv(CblasRowMajor, CblasNoTrans, Int32(shape.output), Int32(depth), 1, shape.weight, Int32(depth),
                        columns + t * depth, 1, 1, y + t, Int32(outLength))
        }
        for i in 0..<(shape.output * outLength) { y[i] = max(y[i], 0) }
        return outLength
    }

    @inline(__always)
    private static func sigmoid(_ x: Float) -> Float { FastMath.sigmoid(x) }

    @inline(__always)
    private static func tanh(_ x: Float) -> Float { 2 * FastMath.sigmoid(2 * x) - 1 }
}
