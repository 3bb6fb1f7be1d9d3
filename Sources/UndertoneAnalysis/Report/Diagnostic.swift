/// Something a reader must know before trusting the report: inputs that do not belong together, silent audio,
/// files picked up on their own. Each is also one line of the report's `notes`, prefixed with its severity.
public struct Diagnostic: Sendable, Codable, Equatable {
    public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
        /// Worth knowing; the figures stand.
        case info
        /// Some figures may be wrong; check them before acting on them.
        case warning
        /// The figures that depend on the failed check are withheld (null, with this reason).
        case error

        private var rank: Int { Self.allCases.firstIndex(of: self)! }
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    public var severity: Severity
    /// Which check raised it: `wordsOnSpeech`, `wordsPastEnd`, `silentParty`, `swappedRoles`, `silentAudio`,
    /// `oneWayAudio` or `pairedFiles`.
    public var check: String
    /// One line saying what was measured and what it means.
    public var message: String

    public init(_ severity: Severity, check: String, _ message: String) {
        self.severity = severity
        self.check = check
        self.message = message
    }

    /// The line the report's `notes` carry.
    public var note: String { "\(severity.rawValue): \(message)" }
}
