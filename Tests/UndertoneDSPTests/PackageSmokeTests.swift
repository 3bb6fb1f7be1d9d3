import Testing
@testable import UndertoneDSP

@Suite struct PackageSmokeTests {
    @Test func moduleLoads() {
        #expect(Bool(true))
    }
}
