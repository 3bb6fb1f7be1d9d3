import Foundation

/// Holds a stream back to a multiple of real time: at speed 1, audio time t is processed no earlier than t seconds
/// after the start; speed 0 never waits.
struct Pacer {
    let speed: Double
    private let start = DispatchTime.now().uptimeNanoseconds

    init(speed: Double) {
        self.speed = speed
    }

    /// Sleeps until `audioTime` of audio may be processed.
    func wait(untilAudioTime audioTime: Double) {
        guard speed > 0 else { return }
        let due = start + UInt64(audioTime / speed * 1e9)
        let now = DispatchTime.now().uptimeNanoseconds
        if due > now { usleep(useconds_t(min((due - now) / 1000, UInt64(UInt32.max)))) }
    }
}
