internal import CBLAS

/// The weights of Silero VAD's 8 kHz network, loaded once and shared read-only by every analyzer.
///
/// The bytes are the flat file made by `Scripts/models/fetch-silero-vad.sh` (format in Models/vad/README.md): the
/// 8-byte magic `UTSVAD8K`, a little-endian UInt32 count, then that many little-endian Float32 values. The DSP layer
/// takes the bytes, never a path; the analysis layer reads them from the model bundle.
public final class SileroVoiceWeights: @unchecked Sendable {
    // @unchecked: the storage is written only in `init` and read-only afterwards.

    /// Why a weight file was refused.
    public struct LoadError: Error, Sendable, CustomStringConvertible {
        /// One line naming the problem.
        public let description: String
        /// An error with `description` as its one line.
        public init(description: String) { self.description = description }
    }

    /// One encoder convolution: kernel 3, padding 1, ReLU after it; weight is output × (input · 3), row-major.
    struct ConvolutionLayer {
        let output: Int
        let input: Int
        let stride: Int
        var weight: UnsafePointer<Float>
        var bias: UnsafePointer<Float>
    }

    static let magic: [UInt8] = Array("UTSVAD8K".utf8)
    /// Encoder layers: (output channels, input channels, stride).
    static let shapes: [(output: Int, input: Int, stride: Int)] = [(128, 65, 1), (64, 128, 2), (64, 64, 2), (128, 64, 1)]
    static let encoderLayers = 4
    static let hidden = 128
    static let gates = 4 * hidden
    static let count = shapes.reduce(0) { $0 + $1.output * $1.input * 3 + $1.output } + 2 * gates * hidden
        + 2 * gates + hidden + 1

    let encoder: [ConvolutionLayer]
    /// The LSTM's input and recurrent weights side by side: 512 × 256, row-major, so one product serves both.
    let lstmWeight: UnsafePointer<Float>
    /// bias_ih + bias_hh, 512.
    let lstmBias: UnsafePointer<Float>
    let decoderWeight: UnsafePointer<Float>
    let decoderBias: Float
    private let storage: UnsafeMutablePointer<Float>

    /// Parses a weight file's bytes; throws a one-line `LoadError` for anything but the expected layout.
    public init(bytes: [UInt8]) throws(LoadError) {
        let header = Self.magic.count + 4
        guard bytes.count >= header, Array(bytes[0..<Self.magic.count]) == Self.magic else {
            throw LoadError(description: "not a Silero VAD weight file (no UTSVAD8K header)")
        }
        let declared = (0..<4).reduce(0) { $0 | Int(bytes[Self.magic.count + $1]) << (8 * $1) }
        guard declared == Self.count, bytes.count == header + 4 * Self.count else {
            throw LoadError(description: "Silero VAD weight file holds \(declared) values in \(bytes.count) bytes, "
                + "expected \(Self.count) values in \(header + 4 * Self.count) bytes")
        }
        var values = [Float](repeating: 0, count: Self.count)
        for i in 0..<Self.count {
            let o = header + 4 * i
            let bits = UInt32(bytes[o]) | UInt32(bytes[o + 1]) << 8 | UInt32(bytes[o + 2]) << 16 | UInt32(bytes[o + 3]) << 24
            values[i] = Float(bitPattern: bits)
        }
        guard values.allSatisfy(\.isFinite) else {
            throw LoadError(description: "Silero VAD weight file holds non-finite values")
        }

        let gates = Self.gates, hidden = Self.hidden
        let encoderCount = Self.shapes.reduce(0) { $0 + $1.output * $1.input * 3 + $1.output }
        storage = .allocate(capacity: encoderCount + gates * 2 * hidden + gates + hidden)
        storage.initialize(from: values, count: encoderCount)
        var layers: [ConvolutionLayer] = []
        var offset = 0
        for shape in Self.shapes {
            let weight = offset, bias = offset + shape.output * shape.input * 3
            offset = bias + shape.output
            layers.append(ConvolutionLayer(output: shape.output, input: shape.input, stride: shape.stride,
                                           weight: UnsafePointer(storage + weight), bias: UnsafePointer(storage + bias)))
        }
        encoder = layers
        // File order: weight_ih (512 × 128), weight_hh (512 × 128), bias_ih, bias_hh, decoder weight, decoder bias.
        let ih = offset, hh = ih + gates * hidden, bih = hh + gates * hidden, bhh = bih + gates
        let lstm = storage + encoderCount
        for row in 0..<gates {
            for col in 0..<hidden {
                lstm[row * 2 * hidden + col] = values[ih + row * hidden + col]
                lstm[row * 2 * hidden + hidden + col] = values[hh + row * hidden + col]
            }
        }
        let bias = lstm + gates * 2 * hidden
        for g in 0..<gates { bias[g] = values[bih + g] + values[bhh + g] }
        let decoder = bias + gates
        for i in 0..<hidden { decoder[i] = values[bhh + gates + i] }
        lstmWeight = UnsafePointer(lstm)
        lstmBias = UnsafePointer(bias)
        decoderWeight = UnsafePointer(decoder)
        decoderBias = values[bhh + gates + hidden]
        // One chunk's products are far too small to share across threads; analyzers run one per task instead.
        openblas_set_num_threads(1)
    }

    deinit { storage.deallocate() }
}
