import Foundation

/// Timing and measurement lines tests print for the docs, only when `UNDERTONE_TEST_TIMINGS=1`: a normal run
/// stays quiet, and a figure is never what makes a test pass.
public enum TestTimings {
    public static let enabled = ProcessInfo.processInfo.environment["UNDERTONE_TEST_TIMINGS"] == "1"

    /// Prints `line` when timings are on.
    public static func print(_ line: @autoclosure () -> String) {
        if enabled { Swift.print(line()) }
    }
}
