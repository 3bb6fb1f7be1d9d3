import Foundation
import Testing
import UndertoneTestSupport
import UndertoneCLI

@Suite struct InfoCommandTests {
    @Test func randomBytesNamedWavExitWithOne() async throws {
        let folder = try RepositoryFiles.temporaryDirectory("info")
        defer { try? FileManager.default.removeItem(at: folder) }
        let noise = folder.appendingPathComponent("noise.wav")
        var generator = SystemRandomNumberGenerator()
        try Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: noise)
        #expect(await UndertoneCommand.runWithExitCodes(["info", noise.path]) == 1)
        // A good file next to the bad one still prints, and the command still fails for the bad one.
        let good = RepositoryFiles.call("opening-pass", ".wav").path
        #expect(await UndertoneCommand.runWithExitCodes(["info", good]) == 0)
        #expect(await UndertoneCommand.runWithExitCodes(["info", good, noise.path]) == 1)
    }
}
