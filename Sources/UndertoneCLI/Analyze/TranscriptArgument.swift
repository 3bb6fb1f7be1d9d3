import ArgumentParser
import UndertoneAnalysis

/// A `--transcript` value: a file for the whole call, or `agent=FILE` / `customer=FILE` for one party's channel (as
/// Whisper users have one file per channel).
struct TranscriptArgument: ExpressibleByArgument, Equatable {
    var party: Speaker?
    var path: String

    init?(argument: String) {
        if let equals = argument.firstIndex(of: "="),
           let party = RoleArgument(rawValue: argument[..<equals].lowercased()) {
            self.party = party.speaker
            path = String(argument[argument.index(after: equals)...])
        } else {
            path = argument
        }
        guard !path.isEmpty else { return nil }
    }

    /// The transcripts of one call: one for the whole call, or at most one per party.
    static func validate(_ arguments: [TranscriptArgument]) throws {
        let whole = arguments.filter { $0.party == nil }.count
        let parties = arguments.compactMap(\.party)
        if whole > 1 || (whole == 1 && !parties.isEmpty) || Set(parties).count != parties.count {
            throw ValidationError(
                "--transcript: give one transcript for the call, or one per party as --transcript agent=FILE --transcript customer=FILE.")
        }
    }
}
