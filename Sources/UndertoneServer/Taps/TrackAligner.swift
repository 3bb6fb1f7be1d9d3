/// Places the chunks of one or two 8-bit G.711 tracks on one sample timeline by their timestamps and hands out
/// what both tracks have reached, interleaved: gaps are filled with μ-law silence, repeats are dropped, and a track
/// that falls more than a second behind is padded so the other is not held back.
struct TrackAligner {
    /// μ-law's zero.
    static let silence: UInt8 = 0xFF
    /// The most silence one timestamp jump may insert (a jump further than this is a protocol error).
    static let maxGapSamples = 60 * 8000
    static let maxLagSamples = 8000

    private var queues: [[UInt8]]
    /// Samples placed per track since the stream began.
    private var ends: [Int]
    private var output: [UInt8] = []

    init(tracks: Int) {
        queues = Array(repeating: [], count: tracks)
        ends = Array(repeating: 0, count: tracks)
    }

    /// Places `bytes` of `track` starting at sample `at`; false when the jump is beyond ``maxGapSamples``.
    mutating func place(track: Int, at sample: Int, _ bytes: [UInt8]) -> Bool {
        if sample > ends[track] {
            let gap = sample - ends[track]
            guard gap <= Self.maxGapSamples else { return false }
            queues[track].append(contentsOf: repeatElement(Self.silence, count: gap))
            ends[track] += gap
        }
        let skip = min(bytes.count, ends[track] - sample)
        queues[track].append(contentsOf: bytes[skip...])
        ends[track] += bytes.count - skip
        return true
    }

    /// The interleaved samples every track has reached (all that arrived, for one track).
    mutating func ready(flush: Bool = false) -> [UInt8] {
        if queues.count == 1 {
            defer { queues[0].removeAll(keepingCapacity: true) }
            return queues[0]
        }
        let longest = max(queues[0].count, queues[1].count)
        let floor = flush ? longest : longest - Self.maxLagSamples
        for index in 0..<2 where queues[index].count < floor {
            let pad = floor - queues[index].count
            queues[index].append(contentsOf: repeatElement(Self.silence, count: pad))
            ends[index] += pad
        }
        let count = min(queues[0].count, queues[1].count)
        output.removeAll(keepingCapacity: true)
        for index in 0..<count {
            output.append(queues[0][index])
            output.append(queues[1][index])
        }
        queues[0].removeFirst(count)
        queues[1].removeFirst(count)
        return output
    }
}
