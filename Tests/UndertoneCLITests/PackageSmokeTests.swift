import Testing
@testable import UndertoneCLI

@Suite struct PackageSmokeTests {
    @Test func moduleLoads() {
        #expect(Bool(true))
    }
}
