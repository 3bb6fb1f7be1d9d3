import Testing
@testable import UndertoneAudio

@Suite struct PackageSmokeTests {
    @Test func moduleLoads() {
        #expect(Bool(true))
    }
}
