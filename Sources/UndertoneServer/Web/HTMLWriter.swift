/// HTML written straight into bytes, for the call page's long lists: swift-mustache renders every value through
/// `Mirror`, which for the ~25 000 values of a one-hour call's page took most of the server's time.
///
/// Markup comes only from string literals (`markup`); every other string goes through `text`, which escapes
/// `& < > " '` exactly as Mustache's `{{…}}` does, so it is safe both in element text and in quoted attributes.
struct HTMLWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Literal markup written as is.
    mutating func markup(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Call data, escaped.
    mutating func text(_ string: String) {
        var string = string
        string.withUTF8 { utf8 in
            // Most words need no escaping: copy them whole.
            guard utf8.contains(where: Self.needsEscape) else {
                bytes.append(contentsOf: utf8)
                return
            }
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "&"): markup("&amp;")
                case UInt8(ascii: "<"): markup("&lt;")
                case UInt8(ascii: ">"): markup("&gt;")
                case UInt8(ascii: "\""): markup("&quot;")
                case UInt8(ascii: "'"): markup("&#39;")
                default: bytes.append(byte)
                }
            }
        }
    }

    /// `value` with `decimals` digits after the point, without a `String(format:)` per number. Rounds the scaled
    /// binary value to the nearest, so a value within a rounding error of a half (1.615) may end one digit away
    /// from what `String(format:)` writes; the page's numbers all come from here, so they agree with each other.
    mutating func number(_ value: Double, decimals: Int) {
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let product = (value * Double(scale)).rounded(.toNearestOrEven)
        guard product.isFinite, abs(product) < 1e15 else { return text(String(format: "%.\(decimals)f", value)) }
        let scaled = Int(product)
        if scaled < 0 { markup("-") }
        let magnitude = abs(scaled)
        integer(magnitude / scale)
        guard decimals > 0 else { return }
        bytes.append(UInt8(ascii: "."))
        var digit = scale / 10
        while digit > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude / digit % 10))
            digit /= 10
        }
    }

    /// A time on the call as people read it: `64.92` → `1:04.9`; an hour or more → `1:02:03.4`. Rounded to the
    /// nearest tenth as the report's own text writes times (`ClockTime`, `ReportTextRenderer`), so that the page
    /// and the report name a pause at 65.25 s alike: `1:05.3`.
    mutating func time(_ seconds: Double) {
        let tenths = Int((min(1e12, max(0, seconds.isNaN ? 0 : seconds)) * 10).rounded())
        let hours = tenths / 36000, minutes = tenths / 600 % 60, secs = tenths / 10 % 60
        if hours > 0 {
            integer(hours)
            markup(":")
            twoDigits(minutes)
        } else {
            integer(minutes)
        }
        markup(":")
        twoDigits(secs)
        markup(".")
        integer(tenths % 10)
    }

    /// A non-negative integer in decimal.
    mutating func integer(_ value: Int) {
        if value >= 10 { integer(value / 10) }
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    private mutating func twoDigits(_ value: Int) {
        bytes.append(UInt8(ascii: "0") + UInt8(value / 10))
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    var html: String { String(decoding: bytes, as: UTF8.self) }

    /// What one write makes, as a string (for `WebFormat`, so that the page's numbers have one implementation).
    static func string(_ write: (inout HTMLWriter) -> Void) -> String {
        var writer = HTMLWriter()
        write(&writer)
        return writer.html
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
