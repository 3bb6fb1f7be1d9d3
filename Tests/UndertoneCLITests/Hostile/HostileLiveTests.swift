import Foundation
import UndertoneTestSupport
import Testing

/// Issue 16, live: a stream cut mid-frame, absurd thresholds, a reader that goes away.
@Suite struct HostileLiveTests {
    @Test func stdinEndingInsideAFrame() throws {
        let inputs = try HostileInputs("midframe")
        defer { inputs.remove() }
        let pcm = try inputs.write("pcm16.raw", [UInt8](repeating: 0, count: 16_002))
        try ChildRun.run(["live", "-", "--encoding", "pcm16", "--channels", "2", "--pace", "0"], stdin: pcm)
            .expectRejected(naming: "stdin", "stream ended inside a frame (2 of its 4 bytes)")
        let odd = try inputs.write("odd.raw", [UInt8](repeating: 0xFF, count: 16_001))
        try ChildRun.run(["live", "-", "--encoding", "pcm16", "--channels", "2", "--pace", "0"], stdin: odd)
            .expectRejected(naming: "stdin", "stream ended inside a frame (1 of its 4 bytes)")
        let mulaw = try inputs.write("mulaw.raw", [UInt8](repeating: 0xFF, count: 8_001))
        try ChildRun.run(["live", "-", "--encoding", "mulaw", "--channels", "2", "--pace", "0"], stdin: mulaw)
            .expectRejected(naming: "stdin", "stream ended inside a frame (1 of its 2 bytes)")
    }

    @Test func absurdThresholdsAreUsageErrors() throws {
        let call = RepositoryFiles.call("opening-pass", ".wav").path
        for flags in [["--dead-air", "inf"], ["--dead-air", "1e308"], ["--dead-air", "nan"], ["--pace", "1e-300"],
                      ["--long-hold", "1e308"], ["--pace", "inf"]] {
            try ChildRun.run(["live", call] + flags).expectRejected(2, naming: flags[0], "must be")
        }
    }

    /// A reader that reads one alert and closes the pipe ends the command with status 0, not SIGPIPE (141).
    @Test func readerClosingThePipe() throws {
        let inputs = try HostileInputs("sigpipe")
        defer { inputs.remove() }
        // An hour of μ-law: 1 s of tone, then 6 s of silence, repeated: a dead-air alert every 7 s.
        let tone = (0..<8000).map { G711.mulaw(Int16(8000 * sin(Double($0) * 2 * .pi / 8))) }
        let silence = [UInt8](repeating: 0xFF, count: 48_000)
        let stream = try inputs.write("stream.raw", Array([[UInt8]](repeating: tone + silence, count: 514).joined()))
        let run = try ChildRun.run(["live", "-", "--encoding", "mulaw", "--channels", "1", "--pace", "0"], stdin: stream,
                                   closeStdoutAfter: 64)
        #expect(!run.timedOut)
        #expect(run.status == 0, "exit \(run.status): \(run.stderr)")
    }
}

/// μ-law encoding for test streams (G.711, with the usual bias of 0x84).
enum G711 {
    static func mulaw(_ sample: Int16) -> UInt8 {
        let sign: UInt8 = sample < 0 ? 0x80 : 0
        let magnitude = min(Int(sample.magnitude), 32_635) + 0x84
        var exponent = 7
        while exponent > 0, magnitude & (0x4000 >> (7 - exponent)) == 0 { exponent -= 1 }
        let mantissa = (magnitude >> (exponent + 3)) & 0x0F
        return ~(sign | UInt8(exponent << 4) | UInt8(mantissa))
    }
}
