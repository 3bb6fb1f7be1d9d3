import Foundation

/// The audio a load test streams: stereo 8 kHz μ-law calls (agent = channel 0, customer = channel 1, as the
/// fixture calls in `AudioFixtures/calls` are), cut into 20 ms frames per track and base64-encoded once, back to
/// back in one loop. Stream i starts at call i (mod the number of calls) and wraps around.
struct FixtureFrames: Sendable {
    /// One 20 ms slot: each track's payload, base64, in ``TwilioStreamScript/tracks`` order (agent, customer).
    struct Slot: Sendable {
        var payloads: [String]
    }

    let slots: [Slot]
    /// Where each call starts in ``slots``, and its name.
    let calls: [(name: String, firstSlot: Int)]

    /// Every `*.wav` in `directory`, by name.
    init(directory: URL) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".wav") }.sorted()
        guard !names.isEmpty else { throw LoadTestError("\(directory.path): no .wav calls to stream") }
        var slots: [Slot] = []
        var calls: [(String, Int)] = []
        for name in names {
            let (agent, customer) = try Self.channels(of: Array(try Data(contentsOf: directory.appendingPathComponent(name))), name: name)
            calls.append((name, slots.count))
            for start in stride(from: 0, to: agent.count - FramePacing.frameBytes + 1, by: FramePacing.frameBytes) {
                let range = start..<(start + FramePacing.frameBytes)
                slots.append(Slot(payloads: [Data(agent[range]).base64EncodedString(), Data(customer[range]).base64EncodedString()]))
            }
        }
        self.slots = slots
        self.calls = calls
    }

    /// The slot stream `index` sends `slot`-th.
    func slot(stream index: Int, _ slot: Int) -> Slot {
        slots[(calls[index % calls.count].firstSlot + slot) % slots.count]
    }

    /// Seconds of audio in one loop.
    var seconds: Double { FramePacing.due(slot: slots.count) }

    /// The two channels of a stereo μ-law WAV file's data chunk (RIFF chunks walked: a fmt chunk of tag 7, two
    /// channels, 8000 Hz, then data).
    static func channels(of wav: [UInt8], name: String) throws -> (agent: [UInt8], customer: [UInt8]) {
        func le(_ at: Int, _ count: Int) -> Int { (0..<count).reduce(0) { $0 | Int(wav[at + $1]) << (8 * $1) } }
        guard wav.count >= 12, wav[0..<4].elementsEqual("RIFF".utf8), wav[8..<12].elementsEqual("WAVE".utf8) else {
            throw LoadTestError("\(name): not a RIFF/WAVE file")
        }
        var offset = 12
        var format: (tag: Int, channels: Int, rate: Int)?
        while offset + 8 <= wav.count {
            let size = le(offset + 4, 4)
            let body = (offset + 8)..<min(wav.count, offset + 8 + size)
            if wav[offset..<offset + 4].elementsEqual("fmt ".utf8), body.count >= 16 {
                format = (le(body.lowerBound, 2), le(body.lowerBound + 2, 2), le(body.lowerBound + 4, 4))
            } else if wav[offset..<offset + 4].elementsEqual("data".utf8) {
                guard let format, format == (7, 2, 8000) else {
                    throw LoadTestError("\(name): not stereo 8 kHz μ-law (format \(format.map { "tag \($0.tag), \($0.channels) ch, \($0.rate) Hz" } ?? "missing"))")
                }
                var agent: [UInt8] = [], customer: [UInt8] = []
                agent.reserveCapacity(body.count / 2)
                customer.reserveCapacity(body.count / 2)
                for index in stride(from: body.lowerBound, to: body.upperBound - 1, by: 2) {
                    agent.append(wav[index])
                    customer.append(wav[index + 1])
                }
                return (agent, customer)
            }
            offset += 8 + size + (size & 1)
        }
        throw LoadTestError("\(name): no data chunk")
    }
}

/// A load-test input or run that cannot go on: one line naming the input and the reason.
struct LoadTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
