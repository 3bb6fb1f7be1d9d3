import Testing
import UndertoneAudio

/// Opus packet decoding, checked by a round trip through libopus's encoder on known tones.
@Suite struct OpusRoundTripTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var rate: Int
        var channels: Int
        var frameMilliseconds: Double
        var testDescription: String { "\(rate) Hz, \(channels) ch, \(frameMilliseconds) ms frames" }
    }

    static let cases: [Case] = [8000, 12000, 16000, 24000, 48000].flatMap { rate in
        [Case(rate: rate, channels: 1, frameMilliseconds: 20), Case(rate: rate, channels: 2, frameMilliseconds: 20)]
    } + [2.5, 5, 10, 40, 60].map { Case(rate: 16000, channels: 1, frameMilliseconds: $0) }

    /// 440 Hz on the first channel and 660 Hz on the second, one second long, 64 kbit/s per channel. Measured
    /// SNR after aligning for the 6.5 ms codec delay: 32.6 dB (2.5 ms frames) to 47.9 dB; the bound is 30 dB.
    @Test(arguments: cases)
    func toneSurvivesRoundTrip(_ test: Case) throws {
        let tones = [440.0, 660.0].prefix(test.channels).map {
            TestSignals.sine(frequency: $0, rate: test.rate, count: test.rate, amplitude: 0.5)
        }
        let frame = Int(Double(test.rate) * test.frameMilliseconds / 1000)
        var encoder = try OpusEncoder(sampleRate: test.rate, channels: test.channels, application: .audio,
                                      bitrate: 64000 * test.channels)
        var decoder = try OpusDecoder(sampleRate: test.rate, channels: test.channels)
        var decoded: [[Float]] = []
        var packets = 0
        for start in stride(from: 0, to: test.rate - frame + 1, by: frame) {
            var interleaved: [Float] = []
            for index in start..<(start + frame) { for tone in tones { interleaved.append(tone[index]) } }
            let packet = try encoder.encode(interleaved)
            try decoder.decode(packet, appendingTo: &decoded)
            packets += 1
        }
        #expect(decoded.count == test.channels)
        for (channel, tone) in tones.enumerated() {
            let output = decoded[channel]
            #expect(output.count == packets * frame)
            // Skip the codec's start-up; line up for its delay; compare the steady part.
            let window = (test.rate / 5)..<(test.rate * 3 / 5)
            let lag = TestSignals.bestLag(reference: tone, test: output, window: window, maxLag: test.rate / 100)
            let aligned = output[(window.lowerBound + lag)..<(window.upperBound + lag)]
            let frequency = TestSignals.toneFrequency(aligned, rate: test.rate)
            let snr = TestSignals.snr(reference: tone[window], test: aligned)
            #expect(abs(frequency - [440.0, 660.0][channel]) < 1, "measured \(frequency) Hz")
            #expect(snr > 30, "lag \(lag), SNR \(snr) dB")
        }
    }

    @Test func lostPacketIsConcealedWithTheRequestedLength() throws {
        var encoder = try OpusEncoder(sampleRate: 16000, channels: 1)
        var decoder = try OpusDecoder(sampleRate: 16000, channels: 1)
        var decoded: [[Float]] = []
        let tone = TestSignals.sine(frequency: 440, rate: 16000, count: 320)
        try decoder.decode(try encoder.encode(tone), appendingTo: &decoded)
        try decoder.concealLoss(frames: 320, appendingTo: &decoded)
        #expect(decoded[0].count == 640)
    }

    @Test func garbagePacketIsATypedError() throws {
        var decoder = try OpusDecoder(sampleRate: 48000, channels: 1, source: "call 7 customer")
        var decoded: [[Float]] = []
        // TOC byte for a code-3 packet claiming 63 frames, with no room for them.
        #expect {
            try decoder.decode([0xFF, 0xFF], appendingTo: &decoded)
        } throws: { error in
            let error = error as? AudioError
            return error?.kind == .decodingFailed && error?.description.hasPrefix("call 7 customer: bad Opus packet") == true
        }
    }
}
