internal import CSampleRate

/// Streaming sample-rate conversion through libsamplerate, one converter state per channel.
///
/// Feed blocks of any size with ``process(_:appendingTo:)``, then call ``flush(appendingTo:)`` once at the end
/// of the stream to drain the filter's delay line. Owns its `SRC_STATE`s and frees them on deinit.
///
/// Scratch memory is allocated once; steady-state processing does not allocate beyond growing the caller's
/// output arrays.
public struct Resampler: ~Copyable {
    /// libsamplerate's band-limited sinc converters, fastest to best.
    public enum Quality: String, Sendable, CaseIterable {
        case fastest, medium, best

        /// The converter chosen for analysis (see docs/measurements/audio.md for the measured trade-off).
        public static let analysis = Quality.medium

        var converter: Int32 {
            switch self {
            case .fastest: Int32(SRC_SINC_FASTEST)
            case .medium: Int32(SRC_SINC_MEDIUM_QUALITY)
            case .best: Int32(SRC_SINC_BEST_QUALITY)
            }
        }
    }

    /// Input samples per second.
    public let inputRate: Int
    /// Output samples per second.
    public let outputRate: Int
    /// Channels, each converted independently.
    public let channels: Int
    private let ratio: Double
    private let states: UnsafeMutableBufferPointer<OpaquePointer>
    private let scratch: UnsafeMutableBufferPointer<Float>
    /// A valid input pointer for the zero-length final call (libsamplerate rejects a null one).
    private let emptyInput: UnsafeMutablePointer<Float>

    /// Creates a converter from `inputRate` to `outputRate` for `channels` channels.
    public init(from inputRate: Int, to outputRate: Int, channels: Int, quality: Quality = .analysis) throws(AudioError) {
        let ratio = Double(outputRate) / Double(max(inputRate, 1))
        guard inputRate > 0, outputRate > 0, channels > 0, src_is_valid_ratio(ratio) != 0 else {
            throw AudioError(.invalidParameter, source: "resampler", reason: "cannot convert \(inputRate) Hz to "
                + "\(outputRate) Hz for \(channels) channels")
        }
        let states = UnsafeMutableBufferPointer<OpaquePointer>.allocate(capacity: channels)
        for channel in 0..<channels {
            var error: Int32 = 0
            guard let state = src_new(quality.converter, 1, &error) else {
                for created in 0..<channel { src_delete(states[created]) }
                states.deallocate()
                throw AudioError(.invalidParameter, source: "resampler", reason: String(cString: src_strerror(error)))
            }
            states[channel] = state
        }
        self.inputRate = inputRate
        self.outputRate = outputRate
        self.channels = channels
        self.ratio = ratio
        self.states = states
        self.scratch = .allocate(capacity: 4096)
        self.emptyInput = .allocate(capacity: 1)
        emptyInput.initialize(to: 0)
    }

    /// Converts one block, `input[c]` holding channel `c` (all channels the same length), appending the output
    /// of each channel to `output[c]`.
    public mutating func process(_ input: [[Float]], appendingTo output: inout [[Float]]) throws(AudioError) {
        precondition(input.count == channels && output.count == channels, "one array per channel")
        for channel in 0..<channels {
            try input[channel].withUnsafeBufferPointer { (samples) throws(AudioError) in
                try convert(channel: channel, samples, endOfInput: false, appendingTo: &output[channel])
            }
        }
    }

    /// Drains what the filters still hold at the end of the stream, appending it to `output[c]`.
    public mutating func flush(appendingTo output: inout [[Float]]) throws(AudioError) {
        precondition(output.count == channels, "one array per channel")
        for channel in 0..<channels {
            try convert(channel: channel, UnsafeBufferPointer(start: emptyInput, count: 0), endOfInput: true,
                        appendingTo: &output[channel])
        }
    }

    /// Forgets the stream so far, ready for an unrelated one (required after ``flush(appendingTo:)`` before
    /// processing more).
    public mutating func reset() {
        for state in states { src_reset(state) }
    }

    private func convert(
        channel: Int, _ input: UnsafeBufferPointer<Float>, endOfInput: Bool, appendingTo output: inout [Float]
    ) throws(AudioError) {
        var used = 0
        var generated = 0
        repeat {
            var data = SRC_DATA()
            data.data_in = input.baseAddress.map { UnsafePointer($0 + used) } ?? UnsafePointer(emptyInput)
            data.input_frames = input.count - used
            data.data_out = scratch.baseAddress
            data.output_frames = scratch.count
            data.src_ratio = ratio
            data.end_of_input = endOfInput ? 1 : 0
            let error = src_process(states[channel], &data)
            guard error == 0 else {
                throw AudioError(.decodingFailed, source: "resampler", reason: String(cString: src_strerror(error)))
            }
            used += data.input_frames_used
            generated = data.output_frames_gen
            output.append(contentsOf: scratch[0..<generated])
        } while used < input.count || (endOfInput && generated > 0)
    }

    deinit {
        for state in states { src_delete(state) }
        states.deallocate()
        scratch.deallocate()
        emptyInput.deallocate()
    }
}

// The C state has exactly one owner (the type is ~Copyable) and is touched only from `mutating` methods, so moving
// the owner to another task is safe; libraries below are not thread-safe per handle, which exclusivity guarantees.
extension Resampler: @unchecked Sendable {}
