import Foundation
import HummingbirdTesting
import Testing
import UndertoneAnalysis
import UndertoneAudio
@testable import UndertoneServer

/// How a live tap ends when its client does not end it: the idle timeout, a server shutdown, a server crash.
@Suite(.timeLimit(.minutes(3))) struct TapLifecycleTests {
    @Test func aTapWithNoAudioForTheIdleTimeoutIsClosedStoredAndListed() async throws {
        var configured = try await TestServer(workers: 0)
        configured.configuration.taps.idleTimeout = .seconds(1)
        let server = configured
        try await server.app().test(.live) { client in
            let port = try #require(client.port)
            // connected, start, then 2 s of both tracks, and nothing more.
            let messages = Array(try TapTestClient.twilioMessages("layout-overlap").prefix(2 + 200))
            let session = try await TapTestClient.run(port: port, path: "/v1/taps/twilio", headers: TapTests.bearer(server), frames: messages.map { .text($0) })
            #expect(session.closeCode == .goingAway)
            #expect(session.closeReason?.contains("no audio for 1") == true, "\(session.closeReason ?? "no reason")")
            let call = try #require(try await TapTests.storedLiveCalls(client, server).first)
            #expect(call["status"] as? String == "done")
            let report = try await TapTests.report(client, server, id: try #require(call["id"] as? String))
            #expect(abs(report.call.durationSeconds - 2.0) < 0.03)
        }
    }

    /// A graceful stop closes the tap (1001) and stores the call with every frame that reached the server; after a
    /// crash, the next start-up stores it from its spool file. Either way the call says so.
    @Test func aServerRestartDuringALiveCallStoresItWithWhatArrivedAndSaysSo() async throws {
        // No idle timeout within the test's time: with the suite's whole-pipeline tests holding both threads, the
        // tap's read loop can wait for a thread past the default 30 s, and an idle close is not a shutdown.
        var configured = try await TestServer(workers: 0)
        configured.configuration.taps.idleTimeout = .seconds(600)
        let server = configured
        let streaming = TapTestClient.Locked<Task<TapTestClient.Session, any Error>?>(nil)
        try await server.app().test(.live) { client in
            let port = try #require(client.port)
            let messages = try TapTestClient.twilioMessages("layout-overlap")
            let (progress, written) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
            streaming.withLock { task in
                task = Task {
                    defer { written.finish() }
                    return try await TapTestClient.run(
                        port: port, path: "/v1/taps/twilio", headers: TapTests.bearer(server), frames: messages.map { .text($0) },
                        pace: .milliseconds(10), progress: written
                    )
                }
            }
            // Once 1.5 s of the 22.7 s call is sent, stop the server (by leaving this closure).
            for await count in progress where count >= 150 { break }
            #expect(try await TapTests.liveCalls(client, server).first?["status"] as? String == "live")
        }
        let session = try #require(try await streaming.value?.value)
        #expect(session.closeCode == .goingAway || session.closeCode == .normalClosure)
        let stopped = try #require(try await server.store.list(CallQuery(limit: 10)).calls.first)
        #expect(stopped.status == .done)
        #expect(stopped.error?.contains("the server shut down during the live tap") == true, "\(stopped.error ?? "no note")")
        // Every chunk the client sent before the close reached the server and is in the call (a half chunk as silence).
        let sentSeconds = Double((session.sent.count + 1) / 2) * 0.02
        let stored = try #require(stopped.summary?.durationSeconds)
        #expect(stored >= 1.5 && abs(stored - sentSeconds) <= 0.041, "stored \(stored) s, sent \(sentSeconds) s")

        // A crash leaves the call `live` with its spool file, its header not yet patched.
        let crashed = NewCall(kind: .live, audio: StoredFile(name: "raw-crashed.wav", sha256: "", bytes: 0))
        _ = try await server.store.createCall(crashed)
        let spool = try SpoolWriter(
            url: server.directory.url.appendingPathComponent("live/\(crashed.id).wav"), format: StreamFormat(encoding: .mulaw, channels: 2)
        )
        let (agent, customer) = try TapTestClient.fixtureChannels("layout-overlap")
        try zip(agent, customer).prefix(3 * 8000).flatMap { [$0, $1] }.withUnsafeBytes { try spool.write($0) }
        try await server.app().test(.live) { client in
            let recovered = try await CallRoutesTests.waitUntilFinished(client, server, id: crashed.id)
            #expect(recovered["status"] as? String == "done")
            #expect((recovered["error"] as? String)?.contains("the server stopped during the live tap") == true)
            let report = try await TapTests.report(client, server, id: crashed.id)
            #expect(abs(report.call.durationSeconds - 3.0) < 0.01)
            #expect(try await TapTests.liveCalls(client, server).count == 2)
        }
    }

    /// An alert subscriber still connected when the server stops neither holds the shutdown up (graceful shutdown
    /// waits for every connection) nor is left hanging: its stream ends.
    @Test func aServerStoppingEndsTheAlertStreamsOfSubscribersStillConnected() async throws {
        let server = try await TestServer(workers: 0)
        let subscriber = TapTestClient.Locked<TapTestClient.Subscriber?>(nil)
        try await server.app().test(.live) { client in
            let live = try await TapTestClient.Subscriber(port: try #require(client.port), path: "/v1/live/alerts", key: server.keys["qa"]!)
            subscriber.withLock { $0 = live }
        }
        let live = try #require(subscriber.value)
        _ = await live.wait(for: .seconds(30)) { _ in false }  // returns when the stream ends
        #expect(live.ended)
    }
}
