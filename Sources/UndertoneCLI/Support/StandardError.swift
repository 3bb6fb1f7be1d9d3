import Foundation

/// Writes to standard error without buffering, so messages interleave sensibly with progress output.
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func line(_ text: String) {
        write(text + "\n")
    }

    /// Whether standard error is a terminal (progress bars redraw in place only there).
    static var isTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}
