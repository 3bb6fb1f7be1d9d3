import Foundation
import Testing
@testable import UndertoneServer

/// The load generator's own arithmetic and encoding (`undertone-server loadtest`): percentiles, frame pacing, the
/// Twilio messages it sends, its /proc parsing and its fixture frames.
@Suite struct LoadTestTests {
    @Test func percentilesAreNearestRank() {
        let values = (1...200).map { Double($0) / 1000 }.shuffled()
        let summary = LatencySummary(values)
        #expect(summary.count == 200)
        #expect(summary.p50 == 0.100)  // rank ⌈0.5 · 200⌉ = 100
        #expect(summary.p95 == 0.190)
        #expect(summary.p99 == 0.198)
        #expect(summary.max == 0.200)
        #expect(LatencySummary.percentile(99, of: [0.5]) == 0.5)
        #expect(LatencySummary.percentile(50, of: [1, 2, 3]) == 2)  // rank ⌈1.5⌉ = 2
        #expect(LatencySummary([]).p99 == nil)
        #expect(LatencySummary([]).text == "none")
    }

    @Test func alertTimesMapToTheSlotThatReachedThem() {
        // Slot k carries 20k…20k+20 ms; the alert is stamped with the stream position after the push.
        #expect(FramePacing.slot(completedBy: 0.02) == 0)
        #expect(FramePacing.slot(completedBy: 0.06) == 2)  // 0.06 · 50 is 3.0000000000000004 in floating point
        #expect(FramePacing.slot(completedBy: 5.02) == 250)
        #expect(FramePacing.slot(completedBy: 5.013) == 250)  // a position between frame ends: the slot that reached it
        #expect(FramePacing.slot(completedBy: 5.0) == 249)
        #expect(FramePacing.slot(completedBy: 0) == 0)
        #expect(FramePacing.slots(seconds: 130) == 6500)
        #expect(FramePacing.slots(seconds: 0.039) == 1)
        #expect(FramePacing.due(slot: 6500) == 130)
        #expect(FramePacing.startOffset(stream: 0, of: 100, ramp: 10) == 0)
        #expect(FramePacing.startOffset(stream: 50, of: 100, ramp: 10) == 5)
        #expect(FramePacing.startOffset(stream: 0, of: 1, ramp: 10) == 0)
    }

    @Test func messagesAreTwilioShapedAndDecodeAsTheServerReadsThem() throws {
        let script = TwilioStreamScript(run: "0badcafe", index: 42)
        #expect(script.callSid.count == 34 && script.callSid.hasPrefix("CA0badcafe"))
        #expect(TwilioStreamScript.streamIndex(audioName: "twilio-\(script.callSid).wav", run: "0badcafe") == 42)
        #expect(TwilioStreamScript.streamIndex(audioName: "twilio-\(script.callSid).wav", run: "00000000") == nil)

        let decode = { (text: String) in try JSONDecoder().decode(TwilioMessage.self, from: Data(text.utf8)) }
        let connected = try JSONSerialization.jsonObject(with: Data(script.connected.utf8)) as? [String: String]
        #expect(connected == ["event": "connected", "protocol": "Call", "version": "1.0.0"])
        let start = try decode(script.start)
        #expect(start.event == "start" && start.sequenceNumber == "1" && start.streamSid == script.streamSid)
        #expect(start.start?.callSid == script.callSid)
        #expect(Set(start.start?.tracks ?? []) == ["inbound", "outbound"])
        #expect(start.start?.mediaFormat?.encoding == "audio/x-mulaw" && start.start?.mediaFormat?.sampleRate == 8000)
        #expect(start.start?.mediaFormat?.channels == 1)

        let payload = Data((0..<160).map { UInt8($0) }).base64EncodedString()
        let outbound = try decode(script.media(slot: 3, track: 0, payload: payload))
        let inbound = try decode(script.media(slot: 3, track: 1, payload: payload))
        #expect(outbound.event == "media" && outbound.media?.track == "outbound" && inbound.media?.track == "inbound")
        #expect(outbound.sequenceNumber == "8" && inbound.sequenceNumber == "9")  // start is 1, slots 0–2 took 2–7
        #expect(inbound.media?.chunk == "4" && inbound.media?.timestamp == "60")
        #expect(Data(base64Encoded: inbound.media?.payload ?? "") == Data((0..<160).map { UInt8($0) }))
        let stop = try decode(script.stop(afterSlots: 4))
        #expect(stop.event == "stop" && stop.sequenceNumber == "10")
        let raw = try JSONSerialization.jsonObject(with: Data(script.stop(afterSlots: 4).utf8)) as? [String: Any]
        #expect((raw?["stop"] as? [String: String])?["callSid"] == script.callSid)
    }

    @Test func procFilesAreParsedFromAfterTheCommandName() {
        // A command name with a space and a parenthesis; utime 250 and stime 50 ticks are fields 14 and 15.
        let stat = "4242 (undertone (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 5 0 1000 123456 789"
        let status = "Name:\tundertone\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t5\n"
        let usage = ProcessUsage.parse(stat: stat, status: status, ticksPerSecond: 100)
        #expect(usage == ProcessUsage(cpuSeconds: 3.0, residentBytes: 100 << 20, peakResidentBytes: 200 << 20))
        #expect(ProcessUsage.parse(stat: "4242 (x) S 1", status: status, ticksPerSecond: 100) == nil)
        #expect(ProcessUsage.parse(stat: stat, status: "Name:\tx\n", ticksPerSecond: 100) == nil)
    }

    @Test func fixtureCallsAreCutInto20msFramesPerTrack() throws {
        // A stereo μ-law WAV of 330 sample pairs: agent bytes count up, customer bytes count down.
        var data: [UInt8] = []
        for index in 0..<330 { data += [UInt8(index % 256), UInt8(255 - index % 256)] }
        let le32 = { (value: Int) in (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
        let fmt: [UInt8] = [7, 0, 2, 0] + le32(8000) + le32(16000) + [2, 0, 8, 0]
        let wav = Array("RIFF".utf8) + le32(4 + 24 + 8 + data.count) + Array("WAVEfmt ".utf8) + le32(16) + fmt
            + Array("data".utf8) + le32(data.count) + data
        let (agent, customer) = try FixtureFrames.channels(of: wav, name: "t.wav")
        #expect(agent.count == 330 && agent[161] == 161 && customer[161] == 94)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loadtest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(wav).write(to: directory.appendingPathComponent("a.wav"))
        let frames = try FixtureFrames(directory: directory)
        #expect(frames.slots.count == 2)  // 330 samples: two whole 160-sample frames
        #expect(Data(base64Encoded: frames.slot(stream: 0, 1).payloads[0]) == Data(agent[160..<320]))
        #expect(Data(base64Encoded: frames.slot(stream: 0, 2).payloads[1]) == Data(customer[0..<160]))  // wraps around

        var mono = wav
        mono[22] = 1
        #expect(throws: LoadTestError.self) { try FixtureFrames.channels(of: mono, name: "mono.wav") }
        #expect((try? FixtureFrames.channels(of: Array("RIFX".utf8), name: "x.wav")) == nil)
    }
}
