import Foundation
import UndertoneTranscripts

/// Acoustic arousal of each of one speaker's turns, relative to that speaker's own baseline in the call.
///
/// Three features per turn, from the prosody under its words (duration-weighted): mean pitch in
/// semitones, mean loudness in dB, and syllables per second. Each becomes a z-score against the mean and standard
/// deviation of the speaker's turns (the deviation floored at 1 semitone, 2 dB and 0.5 syllables/s so that a monotone
/// speaker's tiny wobbles do not read as agitation); the available z-scores are averaged and squashed with
/// `tanh(z / 1.5)` into [−1, 1]. A turn without prosody (no track reaches it) or without a voiced frame has nil arousal.
enum ArousalEstimator {
    struct Features {
        var pitchSemitones: Double?
        var loudnessDb: Double?
        var syllableRate: Double?
    }

    static let floors = (pitch: 1.0, loudness: 2.0, rate: 0.5)
    static let squash = 1.5

    static func features(of words: [ProsodicWord]) -> Features {
        // No voiced frame under any of the turn's words: no voice to read (silent audio, a muted line), so no
        // arousal — the syllable rate would otherwise come from the spelling and the loudness from the silence.
        guard words.contains(where: { ($0.prosody?.voicedShare ?? 0) > 0 }) else { return Features() }
        var pitch = WeightedMean(), loudness = WeightedMean(), rate = WeightedMean()
        for item in words {
            guard let prosody = item.prosody else { continue }
            let duration = max(item.word.end - item.word.start, 0.01)
            if let f0 = prosody.meanF0Hz { pitch.add(12 * log2(f0 / 100), weight: duration * prosody.voicedShare) }
            if let level = prosody.loudnessDb { loudness.add(level, weight: duration) }
            rate.add(prosody.syllableRate, weight: duration)
        }
        return Features(pitchSemitones: pitch.value, loudnessDb: loudness.value, syllableRate: rate.value)
    }

    /// Arousal per turn, in the order given, for the turns of one speaker.
    static func arousal(of turns: [Features]) -> [Double?] {
        let pitch = zScores(turns.map(\.pitchSemitones), floor: floors.pitch)
        let loudness = zScores(turns.map(\.loudnessDb), floor: floors.loudness)
        let rate = zScores(turns.map(\.syllableRate), floor: floors.rate)
        return turns.indices.map { index in
            let available = [pitch[index], loudness[index], rate[index]].compactMap { $0 }
            guard !available.isEmpty else { return nil }
            return tanh(available.reduce(0, +) / Double(available.count) / squash)
        }
    }

    private static func zScores(_ values: [Double?], floor: Double) -> [Double?] {
        let present = values.compactMap { $0 }
        guard !present.isEmpty else { return values.map { _ in nil } }
        let mean = present.reduce(0, +) / Double(present.count)
        let variance = present.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(present.count)
        let deviation = max(variance.squareRoot(), floor)
        return values.map { $0.map { ($0 - mean) / deviation } }
    }

    private struct WeightedMean {
        var sum = 0.0, weight = 0.0

        mutating func add(_ value: Double, weight: Double) {
            guard weight > 0, value.isFinite else { return }
            sum += value * weight
            self.weight += weight
        }

        var value: Double? { weight > 0 ? sum / weight : nil }
    }
}
