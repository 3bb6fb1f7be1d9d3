import Foundation
import Testing
import UndertoneAudio
import UndertoneTestSupport
@testable import UndertoneAnalysis
@testable import UndertoneTranscripts

/// The library's live tap fed each fixture call's bytes as a carrier delivers them, checked against batch analysis
/// of the same call: live and batch are meant to be the same code, and this is where that is proven.
@Suite struct LiveTapTests {
    static let format = StreamFormat(encoding: .mulaw, sampleRate: 8000, channels: 2)
    /// The call also fed in 20 ms packets: the shortest, with overlaps.
    static let twentyMillisecondCall = "layout-overlap"

    /// The μ-law bytes of a fixture WAV's data chunk: what a stereo PCMU tap carries for the same call.
    static func mulawBytes(_ name: String) throws -> [UInt8] {
        let file = [UInt8](try Data(contentsOf: Fixtures.call(name, "wav")))
        var offset = 12
        while offset + 8 <= file.count {
            let size = Int(file[offset + 4]) | Int(file[offset + 5]) << 8 | Int(file[offset + 6]) << 16 | Int(file[offset + 7]) << 24
            if file[offset..<offset + 4].elementsEqual("data".utf8) {
                return Array(file[(offset + 8)..<min(file.count, offset + 8 + size)])
            }
            offset += 8 + size + (size & 1)
        }
        throw AudioError(.truncated, source: name, reason: "no data chunk")
    }

    /// Runs a tap over the call's bytes in chunks of `chunkBytes`, releasing each transcript word (with the role
    /// batch analysis gave it) once the audio has reached its end, as a streaming recogniser would.
    static func runTap(
        _ name: String, analyzer: CallAnalyzer, words: [Word], metadata: CallMetadata, chunkBytes: Int
    ) throws -> (alerts: [LiveAlert], report: CallReport) {
        let bytes = try mulawBytes(name)
        var tap = try LiveTap(format: format, analyzer: analyzer, metadata: metadata, sourceName: name)
        var pending = words.sorted { $0.end < $1.end }[...]
        var alerts: [LiveAlert] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunkBytes)
            alerts += try bytes[start..<end].withUnsafeBytes { (chunk) throws(AudioError) in try tap.push(chunk) }
            while let word = pending.first, word.end <= tap.streamTime {
                alerts += tap.receive(word)
                pending = pending.dropFirst()
            }
            start = end
        }
        for word in pending { alerts += tap.receive(word) }
        let (last, report) = try tap.finish()
        return (alerts + last, report)
    }

    @Test(arguments: Fixtures.calls) func finishedTapReportsWhatBatchAnalysisReports(_ name: String) async throws {
        let analyzer = try CallAnalyzer()
        let transcript = try TranscriptReader.read(url: Fixtures.call(name, "json"))
        let metadata = try CallMetadata.read(url: Fixtures.call(name, "meta.json"))
        let decoded = try await DecodedFixtures.call(name)
        let batch = analyzer.report(for: decoded, transcript: transcript, metadata: metadata)
        let words = RoleAssigner(channels: decoded.channels, metadata: metadata)
            .assign(transcript.words, tracks: decoded.tracksByChannel)

        // Chunks of an odd 997 bytes (splitting samples, channel pairs and frames) give batch's report (but for the
        // `call` block, which names a stream rather than a file); so do a carrier's 20 ms packets, checked on one call
        // (each run is the whole DSP pipeline in a debug build, and the frames do not depend on the block size:
        // StreamingTests).
        for chunkBytes in name == Self.twentyMillisecondCall ? [Self.format.bytesPer20ms, 997] : [997] {
            var live = try Self.runTap(name, analyzer: analyzer, words: words, metadata: metadata, chunkBytes: chunkBytes).report
            #expect(live.call.source == name && live.call.format == "stream (mulaw)")
            #expect(abs(live.call.durationSeconds - batch.call.durationSeconds) < 0.001)
            live.call = batch.call
            #expect(live.speech == batch.speech, "\(name), \(chunkBytes)-byte chunks")
            #expect(live.pauses == batch.pauses && live.overlaps == batch.overlaps && live.stats == batch.stats)
            #expect(live.sentiment == batch.sentiment, "\(name): live sentiment turns differ from batch")
            #expect(live.opening == batch.opening && live.criteria == batch.criteria && live.moments == batch.moments)
            #expect(live == batch)
        }
    }

    @Test func opusPacketsFramedByLengthDecodeLikeOnePacketPerPush() throws {
        let analyzer = try CallAnalyzer()
        var encoder = try OpusEncoder(sampleRate: 8000, channels: 1)
        var packets: [[UInt8]] = []
        var generator = SplitMix64(seed: 3)
        for _ in 0..<100 {
            let samples = (0..<160).map { _ in Float(generator.gaussian() * 0.1) }
            packets.append(try encoder.encode(samples))
        }
        let format = StreamFormat(encoding: .opus, sampleRate: 8000, channels: 1)
        var framed = try LiveTap(format: format, analyzer: analyzer, sourceName: "framed")
        var single = try LiveTap(format: format, analyzer: analyzer, sourceName: "single")
        var stream: [UInt8] = []
        for packet in packets { stream += [UInt8(packet.count >> 8), UInt8(packet.count & 255)] + packet }
        // Split the framed stream at odd places, inside length prefixes and packets alike.
        var start = 0
        while start < stream.count {
            let end = min(stream.count, start + 37)
            _ = try stream[start..<end].withUnsafeBytes { (chunk) throws(AudioError) in try framed.push(chunk) }
            start = end
        }
        for packet in packets {
            _ = try packet.withUnsafeBytes { (packet) throws(AudioError) in try single.push(packet: packet) }
        }
        #expect(framed.streamTime == 2 && single.streamTime == 2)
        let framedReport = try framed.finish().report, singleReport = try single.finish().report
        #expect(framedReport.speech == singleReport.speech && framedReport.stats == singleReport.stats)
    }

    @Test func streamCutInsideAPacketIsAnErrorNamingTheStream() throws {
        var tap = try LiveTap(format: StreamFormat(encoding: .opus, sampleRate: 8000), analyzer: CallAnalyzer(), sourceName: "tap 9")
        _ = try [UInt8]([0, 40, 1, 2, 3]).withUnsafeBytes { (chunk) throws(AudioError) in try tap.push(chunk) }
        do {
            _ = try tap.finish()
            Issue.record("a stream cut inside a packet finished without an error")
        } catch let error as any UndertoneError {
            #expect(error.description == "tap 9: stream ended inside a packet")
            #expect(error.input == .audio && error.problem == .malformed)
        }
    }
}
