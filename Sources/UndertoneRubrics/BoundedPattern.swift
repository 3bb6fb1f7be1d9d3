internal import CPCRE2

/// A rubric pattern compiled by PCRE2 and run with a matching budget, so that a pattern that backtracks
/// exponentially (`(a+)+$`, `(.*a){25}`) costs a bounded amount of time on any transcript instead of hanging the
/// analysis. Patterns are UTF-8 with Unicode classes (`\w`, `\b` know letters beyond ASCII), Perl syntax.
///
/// Owns its compiled code and frees it on deinit; immutable after creation, so shared across calls.
final class BoundedPattern: @unchecked Sendable {
    /// Longest pattern a template may hold, characters.
    static let maxPatternLength = 1000
    /// Backtracking steps one search may take (PCRE2's match limit): ample for the shipped templates on an
    /// 8-hour call, thousands of times below what a catastrophic pattern needs on a few dozen characters.
    static let matchLimit: UInt32 = 200_000
    /// Nesting of backtracking (PCRE2's depth limit).
    static let depthLimit: UInt32 = 10_000

    /// Why a pattern cannot be used: it does not compile, is too long, or exceeded the budget.
    struct Failure: Error, Sendable {
        var reason: String
    }

    let pattern: String
    private let code: OpaquePointer
    private let context: OpaquePointer

    init(_ pattern: String) throws(Failure) {
        guard pattern.count <= Self.maxPatternLength else {
            throw Failure(reason: "pattern is longer than \(Self.maxPatternLength) characters")
        }
        var errorCode: Int32 = 0
        var errorOffset = 0
        let compiled = pattern.withCString { text in
            pcre2_compile_8(text, pattern.utf8.count, UInt32(PCRE2_UTF | PCRE2_UCP), &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            throw Failure(reason: "invalid pattern '\(pattern)': \(Self.message(errorCode)) at offset \(errorOffset)")
        }
        guard let context = pcre2_match_context_create_8(nil) else {
            pcre2_code_free_8(compiled)
            throw Failure(reason: "out of memory compiling '\(pattern)'")
        }
        pcre2_set_match_limit_8(context, Self.matchLimit)
        pcre2_set_depth_limit_8(context, Self.depthLimit)
        self.pattern = pattern
        code = compiled
        self.context = context
    }

    /// The UTF-8 byte ranges of the successive non-overlapping matches in `text`; throws when one search exceeds the
    /// budget.
    func matches(in text: String) throws(Failure) -> [Range<Int>] {
        guard let data = pcre2_match_data_create_from_pattern_8(code, nil) else {
            throw Failure(reason: "out of memory matching '\(pattern)'")
        }
        defer { pcre2_match_data_free_8(data) }
        var text = text
        return try text.withUTF8 { bytes in Result { () throws(Failure) in try search(bytes, data) } }.get()
    }

    private func search(_ bytes: UnsafeBufferPointer<UInt8>, _ data: OpaquePointer) throws(Failure) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var offset = 0
        while offset <= bytes.count {
            let result = pcre2_match_8(code, bytes.baseAddress, bytes.count, offset, 0, data, context)
            if result == PCRE2_ERROR_NOMATCH { break }
            if result == PCRE2_ERROR_MATCHLIMIT || result == PCRE2_ERROR_DEPTHLIMIT {
                throw Failure(reason: "pattern '\(pattern)' exceeds the matching budget of \(Self.matchLimit) "
                    + "steps (nested or overlapping repetition backtracks exponentially)")
            }
            guard result >= 0, let vector = pcre2_get_ovector_pointer_8(data) else {
                throw Failure(reason: "pattern '\(pattern)' failed: \(Self.message(result))")
            }
            let range = Int(vector[0])..<Int(vector[1])
            found.append(range)
            // An empty match moves on by one character so the search always advances.
            offset = range.isEmpty ? Self.nextCharacter(after: range.upperBound, in: bytes) : range.upperBound
        }
        return found
    }

    /// Checks at template load that the pattern stays within budget on text built from its own literal characters
    /// repeated, the shape that makes nested repetition blow up; a pattern that fails here would fail on calls.
    func probe() throws(Failure) {
        let literals = String(pattern.filter { $0.isLetter || $0 == " " }.prefix(8))
        let unit = literals.isEmpty ? "a" : literals
        for text in [String(repeating: unit, count: 40) + "!", String(repeating: unit + " ", count: 40) + "!",
                     String(repeating: "a", count: 40) + "!"] {
            _ = try matches(in: text)
        }
    }

    private static func nextCharacter(after offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var next = offset + 1
        while next < bytes.count, bytes[next] & 0xC0 == 0x80 { next += 1 }
        return next
    }

    private static func message(_ code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(code, &buffer, buffer.count)
        return length > 0 ? String(decoding: buffer.prefix(Int(length)), as: UTF8.self) : "error \(code)"
    }

    deinit {
        pcre2_match_context_free_8(context)
        pcre2_code_free_8(code)
    }
}
