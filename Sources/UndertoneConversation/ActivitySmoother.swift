import UndertoneDSP

/// Turns one channel's per-frame decisions (speech, or music) into settled runs, incrementally.
///
/// Runs of activity shorter than `minimumFrames` (after bridging) are dropped; inactive stretches shorter than
/// `bridgeFrames` inside activity are bridged (before a run is confirmed, only those shorter than
/// `minimumFrames`). An active run's end is pulled back over trailing frames that were
/// active but not confident (the VAD's hangover), by at most `trimFrames`. Frames before `settled` never change
/// label again. Inactivity settles at most about `2 × minimumFrames` behind the newest frame (a blip, then the
/// wait to drop it); activity settles at once, apart from the hangover tail.
struct ActivitySmoother: Sendable {
    struct Run: Sendable, Equatable {
        var active: Bool
        var start: Int
        var end: Int
    }

    let minimumFrames: Int
    let bridgeFrames: Int
    let trimFrames: Int

    /// Label of the open run.
    private(set) var active = false
    /// First frame of the open run.
    private(set) var runStart = 0
    /// Frames before this are final.
    private(set) var settled = 0
    /// Whether an active run has ever been confirmed.
    private(set) var hasBeenActive = false
    /// Closed runs the tracker has not consumed yet, oldest first.
    private var closed: [Run] = []

    private var lastActive = -1
    private var lastConfident = -1
    private var candidateStart: Int?
    private var candidateLast = -1
    private var candidateConfident = -1
    private var frameCount = 0

    init(minimumFrames: Int, bridgeFrames: Int, trimFrames: Int) {
        self.minimumFrames = max(1, minimumFrames)
        self.bridgeFrames = max(1, bridgeFrames)
        self.trimFrames = max(0, trimFrames)
        closed.reserveCapacity(16)
    }

    /// Feeds the next frame's decision; `confident` is false for frames the VAD keeps active only by hangover.
    /// An inactive frame that `breaks` ends activity at once, without waiting to see whether it is bridged.
    mutating func advance(active isActive: Bool, confident: Bool, breaks: Bool = false) {
        let i = frameCount
        frameCount += 1
        if active {
            if isActive {
                lastActive = i
                if confident { lastConfident = i }
            } else if breaks || i - lastActive >= bridgeFrames {
                endActiveRun()
            }
        } else if isActive {
            if candidateStart == nil {
                candidateStart = i
                candidateConfident = -1
            }
            candidateLast = i
            if confident { candidateConfident = i }
            if let start = candidateStart, i + 1 - start >= minimumFrames {
                close(Run(active: false, start: runStart, end: start))
                active = true
                hasBeenActive = true
                runStart = start
                lastActive = i
                lastConfident = candidateConfident
                candidateStart = nil
            }
        } else if candidateStart != nil, breaks || i - candidateLast >= min(bridgeFrames, minimumFrames) {
            // Before activity is confirmed only dropouts shorter than the minimum length are bridged, so that a
            // blip in a silence is let go quickly and the silence settles within that time.
            candidateStart = nil
        }
        settled = active ? trimmedEnd : (candidateStart ?? frameCount)
    }

    /// Closes the open run at the end of the stream.
    mutating func finish() {
        if active { endActiveRun() }
        candidateStart = nil
        close(Run(active: false, start: runStart, end: frameCount))
        runStart = frameCount
        settled = frameCount
    }

    /// The label at `frame` (which must be at or after the oldest unconsumed frame and before `settled`) and the
    /// first frame after it where the label may change.
    func label(at frame: Int) -> (active: Bool, until: Int) {
        for run in closed where frame < run.end {
            return (run.active, run.end)
        }
        return (active, max(settled, frame + 1))
    }

    /// Forgets closed runs that end at or before `frame`.
    mutating func consume(upTo frame: Int) {
        var drop = 0
        while drop < closed.count, closed[drop].end <= frame { drop += 1 }
        if drop > 0 { closed.removeFirst(drop) }
    }

    private var trimmedEnd: Int {
        max(runStart + 1, lastConfident + 1, lastActive + 1 - trimFrames)
    }

    private mutating func endActiveRun() {
        let end = min(trimmedEnd, lastActive + 1)
        close(Run(active: true, start: runStart, end: end))
        active = false
        runStart = end
    }

    private mutating func close(_ run: Run) {
        guard run.end > run.start else { return }
        closed.append(run)
    }
}
