import Foundation

/// The fixed geometry of the per-frame analysis at `FrameClock.sampleRate`.
enum AnalysisLayout {
    /// Analysis window: 45 ms, 3.4 periods of the 75 Hz pitch floor (Praat's ac method uses 3 periods, 40 ms).
    static let windowLength = 360
    /// Samples before (and after) a frame's centre that its window covers.
    static let halfWindow = windowLength / 2
    /// FFT size: the window plus the longest pitch lag fits, so the autocorrelation does not wrap.
    static let fftSize = 512
    /// Bins of the real FFT, 0…Nyquist.
    static let binCount = fftSize / 2 + 1
    /// Hz per FFT bin.
    static let binHz = Float(FrameClock.sampleRate) / Float(fftSize)

    /// Pitch search range, Hz: Praat's default 75–500 Hz. (A 60 Hz floor let the 60–75 Hz subharmonics of
    /// telephone-band voices compete with their true period.)
    static let pitchFloorHz: Float = 75
    static let pitchCeilingHz: Float = 500
    /// Shortest and longest autocorrelation lag searched, samples (peaks need one lag either side).
    static let minimumLag = Int(Float(FrameClock.sampleRate) / pitchCeilingHz)
    static let maximumLag = Int((Float(FrameClock.sampleRate) / pitchFloorHz).rounded(.up))

    /// Frames the pitch path, voice activity and syllable decisions look ahead; every frame comes out this many
    /// frames (200 ms) after the frame whose window is complete.
    static let lookaheadFrames = 20
    /// Frames of history the music detector averages over (before the lookahead).
    static let musicHistoryFrames = 100
    /// Per-frame records kept: history + lookahead + slack, a power of two.
    static let frameRingCapacity = 128
    /// Samples kept: the window of the newest frame back to the voice-quality window of the oldest undecided one.
    static let sampleRingCapacity = 4096

    /// Telephone band, Hz: where flatness, band levels and the music detector look.
    static let bandLowHz: Float = 300
    static let bandHighHz: Float = 3400
    static func bin(ofHz hz: Float) -> Int { Int((hz / binHz).rounded()) }

    /// Sample `i` of the analysis window: a periodic Hann over `windowLength` (Praat's ac method uses Hanning too).
    static func window(_ i: Int) -> Float {
        0.5 - 0.5 * cosf(2 * .pi * (Float(i) + 0.5) / Float(windowLength))
    }
}
