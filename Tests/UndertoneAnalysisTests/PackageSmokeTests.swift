import Testing
@testable import UndertoneAnalysis

@Suite struct PackageSmokeTests {
    @Test func moduleLoads() {
        #expect(Bool(true))
    }
}
