import Foundation

extension JSONObject {
    /// A channel number field counted from `first` (0 or 1, as the vendor numbers them), returned 0-based; nil when
    /// absent. Any value that is not a whole number from `first` up is a failure naming the field, checked before
    /// converting so that `1e308` or `-5` cannot trap or index out of range later.
    func channel(_ key: String, numberedFrom first: Int) throws(TranscriptParseFailure) -> Int? {
        guard has(key) else { return nil }
        guard let value = number(key), value.isFinite, value == value.rounded(),
              value >= Double(first), value < Double(first) + Double(TranscriptLimits.standard.maxChannels)
        else {
            throw failure("\"\(key)\" is not a channel number (expected a whole number from \(first) to "
                + "\(first + TranscriptLimits.standard.maxChannels - 1), found \(string(key) ?? "a non-number"))")
        }
        return Int(value) - first
    }
}
