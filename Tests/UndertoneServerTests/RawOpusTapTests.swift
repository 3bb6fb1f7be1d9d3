import Foundation
import HummingbirdTesting
import HummingbirdWSClient
import NIOCore
import Testing
import UndertoneAudio
@testable import UndertoneServer

/// `/v1/taps/raw?encoding=opus`: one Opus packet per binary frame, stored as 16-bit PCM (WAV has no Opus).
@Suite(.timeLimit(.minutes(3))) struct RawOpusTapTests {
    @Test func opusPacketsAreAnalysedAndStoredAsPCMAndABadPacketEndsItsStreamWith1007() async throws {
        let server = try await TestServer(workers: 0)
        try await server.app().test(.live) { client in
            let port = try #require(client.port)
            // The fixture's agent channel, encoded as Opus packets of 20 ms at 8 kHz.
            let (agent, _) = try TapTestClient.fixtureChannels("layout-overlap")
            let samples = agent.map { Float(G711Decoder.linear(mulaw: $0)) / 32768 }
            var encoder = try OpusEncoder(sampleRate: 8000, channels: 1)
            var packets: [WebSocketOutboundWriter.OutboundFrame] = []
            for start in stride(from: 0, to: samples.count - 159, by: 160) {
                packets.append(.binary(ByteBuffer(bytes: try encoder.encode(Array(samples[start..<(start + 160)])))))
            }
            let good = try await TapTestClient.run(
                port: port, path: "/v1/taps/raw?encoding=opus&rate=8000&name=opus", headers: TapTests.bearer(server), frames: packets, linger: .zero
            )
            #expect(good.closeCode == .normalClosure)
            // 0xFF 0xFF: a code-3 packet claiming 63 frames of 20 ms, more than a packet may hold.
            let bad = try await TapTestClient.run(
                port: port, path: "/v1/taps/raw?encoding=opus&rate=8000&name=bad", headers: TapTests.bearer(server),
                frames: Array(packets.prefix(50)) + [.binary(ByteBuffer(bytes: [0xFF, 0xFF, 0xFF]))]
            )
            #expect(bad.closeCode == .dataInconsistentWithMessage)
            #expect(bad.closeReason?.contains("Opus packet") == true, "\(bad.closeReason ?? "no reason")")
            #expect(server.logs.all.contains { $0.hasPrefix("warning") && $0.contains("Opus packet") })

            let calls = try await TapTests.storedLiveCalls(client, server)
            let byName = Dictionary(uniqueKeysWithValues: calls.compactMap { call in
                ((call["audio"] as? [String: Any])?["name"] as? String).map { ($0, call) }
            })
            for (name, count) in [("raw-opus.wav", packets.count), ("raw-bad.wav", 50)] {
                let call = try #require(byName[name], "\(name) not stored")
                #expect(call["status"] as? String == "done")
                let id = try #require(call["id"] as? String)
                let report = try await TapTests.report(client, server, id: id)
                #expect(abs(report.call.durationSeconds - Double(count) * 0.02) < 0.001, "\(name)")
                // A 16-bit PCM WAV (format tag 1) of 8 kHz mono holding every decoded sample.
                let wav = Array(try await client.execute(uri: "/v1/calls/\(id)/audio", method: .get, headers: server.headers("qa")).body.readableBytesView)
                #expect(wav.count == SpoolWriter.headerBytes + count * 160 * 2, "\(name)")
                #expect(wav.count > 36 && wav[20] == 1 && wav[22] == 1 && wav[34] == 16, "\(name)")
            }
        }
    }
}
