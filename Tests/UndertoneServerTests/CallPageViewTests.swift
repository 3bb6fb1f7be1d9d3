import Testing
@testable import UndertoneServer

@Suite struct CallPageViewTests {
    /// Gaps shorter than the limit close; longer ones, and spans inside others, stay as they are.
    @Test func speechGapsUnderAPixelMerge() {
        let spans = [(0.0, 1.0), (1.05, 2.0), (1.5, 1.8), (2.5, 3.0), (3.09, 4.0)]
        let merged = CallPageView.merged(spans.map { (start: $0.0, end: $0.1) }, closerThan: 0.1)
        #expect(merged.map { [$0.start, $0.end] } == [[0, 2], [2.5, 4]])
        #expect(CallPageView.merged([], closerThan: 1).isEmpty)
    }
}
