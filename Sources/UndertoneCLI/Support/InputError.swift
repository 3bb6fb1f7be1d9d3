/// A file or folder named on the command line that cannot be used: one line naming it and the reason.
struct InputError: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var description: String { "\(path): \(reason)" }
}
