public import Foundation

extension CallReport {
    /// Decimal places kept in the JSON: 0.1 ms for times, 1e-4 for ratios and scores.
    static let decimalPlaces = 4

    /// The report as pretty-printed JSON with sorted keys, so the same call always gives the same bytes.
    ///
    /// Numbers are written with at most `decimalPlaces` decimals: sums of frame times carry binary noise
    /// (`6.460000000000036`) that is no information and makes reports hard to read and diff.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN"
        )
        return Self.roundingNumbers(in: try encoder.encode(self), places: Self.decimalPlaces)
    }

    /// Rewrites every JSON number outside strings that has more than `places` decimals.
    static func roundingNumbers(in json: Data, places: Int) -> Data {
        var output = Data(capacity: json.count)
        var inString = false
        var escaped = false
        var index = json.startIndex
        while index < json.endIndex {
            let byte = json[index]
            if inString {
                output.append(byte)
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                index += 1
                continue
            }
            if byte == UInt8(ascii: "\"") {
                inString = true
                output.append(byte)
                index += 1
                continue
            }
            guard byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else {
                output.append(byte)
                index += 1
                continue
            }
            var end = index
            while end < json.endIndex, Self.isNumberByte(json[end]) { end += 1 }
            let token = String(decoding: json[index..<end], as: UTF8.self)
            output.append(contentsOf: Self.rounded(token, places: places).utf8)
            index = end
        }
        return output
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    /// `token` unchanged when it has at most `places` decimals, else rounded and without trailing zeros.
    static func rounded(_ token: String, places: Int) -> String {
        guard let dot = token.firstIndex(of: "."),
              token[token.index(after: dot)...].prefix(while: \.isNumber).count > places,
              let value = Double(token) else { return token }
        var text = String(format: "%.\(places)f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}
