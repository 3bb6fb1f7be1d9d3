import Foundation
import Testing
import UndertoneDSP

@testable import UndertoneAnalysis
@testable import UndertoneConversation

/// Tones on a line with no one talking (docs/report-stats.md, "What counts as hold"): ring-back is hold, whatever its
/// cadence; DTMF digits are a party keying, never hold. Exact synthetic tones through the whole pipeline, read back
/// from full frames (live) and from a compact track (a finished call) alike.
@Suite struct ToneHoldTests {
    static let rate = Double(FrameClock.sampleRate)

    /// Bursts of the summed sine `frequencies` at −18 dBFS each: (start, seconds) pairs, over `seconds`.
    static func tones(_ frequencies: [Double], bursts: [(start: Double, seconds: Double)], seconds: Double) -> [Float] {
        var x = [Float](repeating: 0, count: Int(seconds * rate))
        for burst in bursts {
            let first = Int(burst.start * rate)
            for i in first..<min(x.count, first + Int(burst.seconds * rate)) {
                let t = Double(i) / rate
                x[i] = Float(frequencies.reduce(0) { $0 + 0.125 * sin(2 * .pi * $1 * t) })
            }
        }
        return x
    }

    /// The holds of a mono line carrying `samples`, analyzed from full frames and from a compact track.
    static func holds(_ samples: [Float]) throws -> (live: [Pause], stored: [Pause]) {
        let full = ChannelAnalyzer.analyze(samples: samples, voiceModel: try VoiceModel.weights())
        var compact = FrameTrack.compact()
        for frame in full.frames { compact.append(frame) }
        let holds = { (track: FrameTrack) in
            ConversationAnalyzer.analyze(agent: nil, customer: nil, mixed: track, words: []).pauses
                .filter { $0.kind == .hold }
        }
        return (holds(full), holds(compact))
    }

    /// UK ring-back: 400 + 450 Hz, 0.4 s on, 0.2 s off, 0.4 s on, 2 s off — never a second of tone in a row.
    @Test func ukRingBackIsOneHold() throws {
        let bursts = stride(from: 0.0, to: 15, by: 3).flatMap { [($0, 0.4), ($0 + 0.6, 0.4)] }
        let (live, stored) = try Self.holds(Self.tones([400, 450], bursts: bursts, seconds: 15))
        #expect(live == stored)
        #expect(live.count == 1, "\(live)")
        // The rings span 0–13 s (the last ends at 13.0 s); the trailing 2 s off-time is after the last evidence.
        #expect(abs((live.first?.start ?? 99) - 0) < 0.15 && abs((live.first?.end ?? 0) - 13) < 0.15, "\(live)")
    }

    /// ETSI ring-back: 425 Hz, 1 s on, 4 s off.
    @Test func europeanRingBackIsOneHold() throws {
        let bursts = stride(from: 0.0, to: 20, by: 5).map { ($0, 1.0) }
        let (live, stored) = try Self.holds(Self.tones([425], bursts: bursts, seconds: 20))
        #expect(live == stored)
        #expect(live.count == 1 && abs((live.first?.end ?? 0) - 16) < 0.15, "\(live)")
    }

    /// Sixteen digits dialled by a device (0.1 s on, 0.1 s off), then eight keys held by a person (0.3 s on,
    /// 0.5 s off): 3.8 s of tone with no one talking, and no hold.
    @Test func dtmfDigitsAreNeverHold() throws {
        let rows = [697.0, 770, 852, 941], columns = [1209.0, 1336, 1477]
        var x = [Float]()
        for digit in 0..<16 {
            x += Self.tones([rows[digit % 4], columns[digit % 3]], bursts: [(0, 0.1)], seconds: 0.2)
        }
        x += [Float](repeating: 0, count: Int(Self.rate))
        for digit in 0..<8 {
            x += Self.tones([rows[digit % 4], columns[(digit + 1) % 3]], bursts: [(0, 0.3)], seconds: 0.8)
        }
        x += [Float](repeating: 0, count: Int(Self.rate))
        let (live, stored) = try Self.holds(x)
        #expect(live.isEmpty && stored.isEmpty, "\(live)")
    }
}
