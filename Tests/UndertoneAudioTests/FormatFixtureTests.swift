import Testing
import UndertoneAudio
import UndertoneTestSupport

/// Each committed format fixture decodes to the samples of the PCM16 original, exactly for lossless encodings
/// and within a measured bound for lossy ones (bounds and measured values in docs/measurements/audio.md).
@Suite struct FormatFixtureTests {
    static let reference = try! decodeWhole("clip-pcm16.wav")

    static func decodeWhole(_ name: String) throws(AudioError) -> (tracks: [[Float]], info: AudioFileInfo) {
        var reader = try AnalysisAudioReader(path: FixturePaths.format(name))
        var whole = [[Float]](repeating: [], count: reader.roles.count)
        var block: [[Float]] = []
        while try reader.read(into: &block) {
            for track in block.indices { whole[track] += block[track] }
        }
        return (whole, reader.info)
    }

    @Test func referenceIsTheStereoClip() {
        #expect(Self.reference.info.channels == 2)
        #expect(Self.reference.info.sampleRate == 8000)
        #expect(Self.reference.tracks.map(\.count) == [80000, 80000])
        // Agent and customer voices differ, so the channels must too.
        #expect(TestSignals.correlation(Self.reference.tracks[0][...], Self.reference.tracks[1][...]) < 0.5)
    }

    @Test(arguments: ["clip.flac", "clip-pcm24-3s.wav", "clip-pcm32-3s.wav", "clip-float-3s.wav"])
    func losslessIsExact(name: String) throws {
        let decoded = try Self.decodeWhole(name)
        #expect(decoded.tracks.count == 2)
        for (track, samples) in decoded.tracks.enumerated() {
            #expect(samples.count == decoded.info.frameCount)
            #expect(Array(Self.reference.tracks[track].prefix(samples.count)) == samples)
        }
    }

    /// G.711 keeps 8 bits per sample: the error is at most half a quantisation step, ~1/32 of the amplitude
    /// (steps are ~1/16 of the segment), plus up to 20/32768 near zero where segments are linear. Measured
    /// worst excess over |x|/32: 9.3 (μ-law) and 17.7 (A-law) in 16-bit units.
    @Test(arguments: ["clip-mulaw.wav", "clip-alaw.wav"])
    func g711IsWithinQuantisation(name: String) throws {
        let decoded = try Self.decodeWhole(name)
        for (track, samples) in decoded.tracks.enumerated() {
            let reference = Self.reference.tracks[track]
            #expect(samples.count == reference.count)
            let worst = zip(reference, samples).map { abs($0 - $1) - abs($0) / 32 }.max() ?? 0
            #expect(worst <= 20 / 32768)
            #expect(TestSignals.snr(reference: reference[...], test: samples[...]) >= 35)
        }
    }

    /// Perceptual codecs: after lining up (all decode with their delay already removed; the search allows
    /// ±200 samples), bound waveform SNR and correlation per channel. GSM holds the mono mix of both parties.
    @Test(arguments: [
        ("clip-gsm-mono.wav", 8.0, 0.92),
        ("clip-vorbis.ogg", 17.0, 0.99),
        ("clip-opus.opus", 11.0, 0.96),
        ("clip.mp3", 11.0, 0.96),
    ])
    func lossyIsWithinStatedBound(name: String, minimumSNR: Double, minimumCorrelation: Double) throws {
        let decoded = try Self.decodeWhole(name)
        let references = decoded.tracks.count == 2 ? Self.reference.tracks
            : [zip(Self.reference.tracks[0], Self.reference.tracks[1]).map { ($0 + $1) / 2 }]
        for (track, samples) in decoded.tracks.enumerated() {
            let reference = references[track]
            #expect(samples.count == reference.count)
            let loudest = stride(from: 0, to: reference.count - 16000, by: 4000).max {
                TestSignals.rms(reference[$0..<($0 + 16000)]) < TestSignals.rms(reference[$1..<($1 + 16000)])
            }!
            let lag = TestSignals.bestLag(reference: reference, test: samples, window: loudest..<(loudest + 16000),
                                          maxLag: 200)
            let overlap = max(0, -lag)..<min(reference.count, samples.count - lag)
            let aligned = samples[(overlap.lowerBound + lag)..<(overlap.upperBound + lag)]
            let snr = TestSignals.snr(reference: reference[overlap], test: aligned)
            let correlation = TestSignals.correlation(reference[overlap], aligned)
            TestTimings.print("\(name) track \(track): lag \(lag), SNR \(snr) dB, correlation \(correlation)")
            #expect(snr >= minimumSNR)
            #expect(correlation >= minimumCorrelation)
        }
    }

    @Test func infoNamesContainerAndCodec() throws {
        let expected: [(String, String, String, Int)] = [
            ("clip-pcm16.wav", "WAV", "PCM 16-bit", 2), ("clip-pcm24-3s.wav", "WAV (extensible)", "PCM 24-bit", 2),
            ("clip-pcm32-3s.wav", "WAV (extensible)", "PCM 32-bit", 2), ("clip-float-3s.wav", "WAV", "float 32-bit", 2),
            ("clip-mulaw.wav", "WAV", "u-law", 2), ("clip-alaw.wav", "WAV", "A-law", 2),
            ("clip-gsm-mono.wav", "WAV", "GSM 6.10", 1), ("clip.flac", "FLAC", "PCM 16-bit", 2),
            ("clip-vorbis.ogg", "OGG", "Vorbis", 2), ("clip-opus.opus", "OGG", "Opus", 2),
            ("clip.mp3", "MP3", "MPEG layer III", 2),
        ]
        for (name, container, codec, channels) in expected {
            let file = try SoundFile(path: FixturePaths.format(name))
            #expect(file.info.container == container, "\(name)")
            #expect(file.info.codec == codec, "\(name)")
            #expect(file.info.channels == channels, "\(name)")
            #expect(file.info.sampleRate == 8000, "\(name)")
        }
    }
}
