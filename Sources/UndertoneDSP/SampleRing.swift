/// The most recent samples of a stream, readable as one contiguous span.
///
/// Every sample is written twice (at `i` and `i + capacity`), so any span of up to `capacity` samples ending at the
/// newest one is contiguous in memory. Absolute sample index `a` of the stream is stored at `a + leftPadding`, so
/// the windows of the first frames read zeros before the stream starts.
struct SampleRing: ~Copyable {
    private let storage: UnsafeMutablePointer<Float>
    private let mask: Int
    /// Zeros that logically precede the stream.
    let leftPadding: Int
    /// Samples written so far, not counting the padding.
    private(set) var count = 0

    init(capacity: Int, leftPadding: Int) {
        precondition(capacity.nonzeroBitCount == 1 && leftPadding < capacity)
        storage = .allocate(capacity: 2 * capacity)
        storage.initialize(repeating: 0, count: 2 * capacity)
        mask = capacity - 1
        self.leftPadding = leftPadding
    }

    deinit { storage.deallocate() }

    /// Appends `input`, each sample made safe first: NaN and infinity (a broken decoder or tap) would poison the
    /// running floors and peaks for the rest of the call, so they become silence; absurd values are clamped to
    /// ±8 (18 dB over full scale) so that squares and sums stay finite.
    @inline(__always)
    mutating func append(_ input: UnsafeBufferPointer<Float>) {
        var slot = (count + leftPadding) & mask
        var index = 0
        while index < input.count {
            let run = min(input.count - index, mask + 1 - slot)  // up to the end of the ring
            let low = storage + slot, high = storage + slot + mask + 1
            for i in 0..<run {
                let sample = input[index + i]
                let safe = sample.isFinite ? min(max(sample, -8), 8) : 0
                low[i] = safe
                high[i] = safe
            }
            index += run
            slot = (slot + run) & mask
        }
        count += input.count
    }

    /// `length` samples starting at absolute index `start` (which may be negative, down to `-leftPadding`).
    /// The span must lie within the last `capacity` samples.
    @inline(__always)
    func span(from start: Int, length: Int) -> UnsafePointer<Float> {
        let end = count + leftPadding
        let first = start + leftPadding
        precondition(first >= 0 && first + length <= end && end - first <= mask + 1, "span outside the ring")
        // The copy at +capacity makes [first, first+length) contiguous whatever the wrap.
        let slot = first & mask
        return UnsafePointer(storage + slot)
    }
}
