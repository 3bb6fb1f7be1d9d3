import Foundation

/// A progress display on standard error for long batches.
///
/// On a terminal it redraws one bar in place; otherwise (logs, CI) it prints one line per finished item so the
/// record stays readable.
struct ProgressBar {
    let total: Int
    private(set) var done = 0
    private(set) var failed = 0
    private let started = Date()
    private let interactive = StandardError.isTerminal
    private let width = 30

    init(total: Int) {
        self.total = total
        if interactive { draw(last: nil) }
    }

    /// Records one finished item and updates the display.
    mutating func advance(item: String, outcome: String, ok: Bool) {
        done += 1
        if !ok { failed += 1 }
        if interactive {
            draw(last: ok ? nil : "\(item): \(outcome)")
        } else {
            StandardError.line("[\(done)/\(total)] \(item) \(outcome)")
        }
    }

    /// Clears the bar before a final summary.
    func finish() {
        if interactive { StandardError.write("\r\u{1B}[2K") }
    }

    private func draw(last failure: String?) {
        if let failure { StandardError.write("\r\u{1B}[2K" + failure + "\n") }
        let fraction = total == 0 ? 1 : Double(done) / Double(total)
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let elapsed = Date().timeIntervalSince(started)
        let eta = done == 0 ? "--:--" : Self.clock(elapsed / Double(done) * Double(total - done))
        let failures = failed > 0 ? "  \(failed) failed" : ""
        StandardError.write("\r\u{1B}[2K\(bar) \(done)/\(total) calls\(failures)  ETA \(eta)")
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return String(format: "%d:%02d", s / 60, s % 60)
    }
}
