import Foundation
import Testing
@testable import UndertoneAnalysis

@Suite struct ReportEncodingTests {
    @Test(arguments: [
        ("6.460000000000036", "6.46"), ("0.1", "0.1"), ("-0.00001", "0"), ("12", "12"), ("1e-7", "1e-7"),
        ("123.456789", "123.4568"), ("-2.99999999", "-3"),
    ])
    func longDecimalsAreRounded(token: String, expected: String) {
        #expect(CallReport.rounded(token, places: 4) == expected)
    }

    @Test func numbersInsideStringsAreLeftAlone() {
        let json = Data(#"{"text":"at 6.460000000000036 s \"x 1.234567\"","start":6.460000000000036,"n":[1.23456,2]}"#.utf8)
        let rounded = String(decoding: CallReport.roundingNumbers(in: json, places: 4), as: UTF8.self)
        #expect(rounded == #"{"text":"at 6.460000000000036 s \"x 1.234567\"","start":6.46,"n":[1.2346,2]}"#)
    }
}
