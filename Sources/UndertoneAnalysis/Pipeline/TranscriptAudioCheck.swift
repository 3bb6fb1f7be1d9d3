import UndertoneAudio
import UndertoneDSP
import UndertoneTranscripts

/// Checks that a transcript belongs to the audio it came with, before any transcript-based figure is reported.
///
/// A transcript of another call, one whose roles are the other way round from the channel map, or audio with a
/// party missing all give confident, wrong QA results unless caught. The checks compare each word with the speech
/// the voice activity detector found: a word "lands" when its party's track has speech within `tolerance` of it.
package struct TranscriptAudioCheck: Sendable {
    /// What the check found.
    package var diagnostics: [Diagnostic] = []
    /// Why transcript-based results must be withheld; nil when they stand.
    package var withheld: String?
    /// Whether the words fit the audio much better with agent and customer exchanged.
    package var swapped = false

    /// Below this share of words landing on their own party's speech, the transcript is not this call's.
    static let strongShare = 0.5
    /// Below this share of words on speech, a warning: a poor transcript, music or noise on the line, or clock drift.
    static let weakShare = 0.9
    /// Below this share of speech near a word, a warning (the fixture calls' own transcripts cover 80–100 %).
    static let weakCoverage = 0.7
    /// Seconds around a word within which speech counts as covered by it.
    static let coverageReach = 0.5
    /// Share of words past the end of the audio that withholds the transcript.
    static let pastEndShare = 0.05
    /// Seconds around a word in which speech counts as under it (word times and detector edges both wander).
    static let tolerance = 0.3
    /// Less speech than this on a track is a silent track, seconds.
    static let silentSeconds = 0.5
    /// A party with at least this many words in the transcript is expected to be heard.
    static let expectedWords = 5

    /// The audio-only checks: silence on every track, one-way audio.
    package static func audioNotes(_ audio: DecodedCall) -> [Diagnostic] {
        let speech = audio.tracks.map(speechSeconds)
        if speech.allSatisfy({ $0 < silentSeconds }) {
            return [Diagnostic(.warning, check: "silentAudio",
                "No speech was detected on any channel of the \(seconds(audio.duration)) s recording (a silent or broken recording?)")]
        }
        return zip(audio.parties, speech).compactMap { party, heard in
            guard party != .mixed, heard < silentSeconds else { return nil }
            let channel = audio.channel(of: party).map { " (channel \($0))" } ?? ""
            return Diagnostic(.warning, check: "oneWayAudio",
                "No speech on the \(party.rawValue) channel\(channel): one-way audio, so talk, pause and overlap figures cover one party only")
        }
    }

    /// Checks `words` (roles assigned) against the speech of `audio`.
    package init(words: [Word], audio: DecodedCall) {
        guard !words.isEmpty else { return }
        let pastEnd = words.filter { $0.start > audio.duration + Self.tolerance }
        if Double(pastEnd.count) / Double(words.count) > Self.pastEndShare, let last = words.max(by: { $0.end < $1.end }) {
            withhold(check: "wordsPastEnd",
                "\(pastEnd.count) of \(words.count) transcript words start after the audio ends (last word at \(Self.seconds(last.end)) s, audio \(Self.seconds(audio.duration)) s): the transcript is not this call's")
            return
        }
        // A recording with no speech anywhere is broken, not another call's: nothing to compare the words with, and
        // `audioNotes` already warns of it; the transcript may be the only good record of the call.
        guard audio.tracks.contains(where: { Self.speechSeconds($0) >= Self.silentSeconds }) else { return }
        if audio.channels == nil {
            checkShare(words, on: { _ in audio.track(.mixed) }, label: "detected speech")
            return
        }
        for party in [Speaker.agent, .customer] {
            let count = words.filter { $0.role == party }.count
            guard count >= Self.expectedWords, let track = audio.track(party), Self.speechSeconds(track) < Self.silentSeconds else { continue }
            let channel = audio.channel(of: party).map { " (channel \($0))" } ?? ""
            withhold(check: "silentParty",
                "The transcript has \(count) words by the \(party.rawValue) but the \(party.rawValue) channel\(channel) is silent: one-way audio or the wrong recording")
            return
        }
        let own = Self.share(words) { audio.track($0) }
        let other = Self.share(words) { audio.track($0.other) }
        if own < Self.strongShare, other >= Self.weakShare, other - own > 0.3 {
            swapped = true
            withhold(check: "swappedRoles",
                "Agent and customer look swapped: \(Self.percent(own)) of words land on their own party's speech, \(Self.percent(other)) on the other party's; check the channel map (--roles) or rerun with --fix-roles")
            return
        }
        checkShare(words, on: { audio.track($0) }, label: "their own party's speech")
    }

    /// Both directions: the share of words landing on speech, and the share of detected speech with a word of its
    /// party near it (another call's transcript with a similar turn rhythm still leaves much of the speech bare). An
    /// error below `strongShare` either way, a warning below `weakShare` of words or `weakCoverage` of speech.
    private mutating func checkShare(_ words: [Word], on track: (Speaker) -> FrameTrack?, label: String) {
        let share = Self.share(words, on: track)
        let coverage = Self.coverage(words, on: track)
        let measured = "\(Self.percent(share)) of transcript words land on \(label) and \(Self.percent(coverage)) of the speech has transcript words"
        if share < Self.strongShare || coverage < Self.strongShare {
            withhold(check: "wordsOnSpeech", "\(measured): the transcript does not match this audio (another call's?)")
        } else if share < Self.weakShare || coverage < Self.weakCoverage {
            diagnostics.append(Diagnostic(.warning, check: "wordsOnSpeech",
                "\(measured): the transcript may be poor or partly another call's; check transcript-based results"))
        }
    }

    /// The share of speech frames, over the parties' tracks, within `coverageReach` of a word of that party.
    static func coverage(_ words: [Word], on track: (Speaker) -> FrameTrack?) -> Double {
        var covered = 0, speech = 0
        for party in [Speaker.agent, .customer, .mixed] {
            guard let frames = track(party)?.frames else { continue }
            var near = [Bool](repeating: false, count: frames.count)
            for word in words where (word.role ?? .mixed) == party || party == .mixed {
                let first = max(0, FrameClock.frame(at: word.start - coverageReach))
                let last = min(frames.count, FrameClock.frame(at: word.end + coverageReach))
                if first < last { for index in first..<last { near[index] = true } }
            }
            for (frame, isNear) in zip(frames, near) where frame.isSpeech {
                speech += 1
                if isNear { covered += 1 }
            }
        }
        return speech == 0 ? 1 : Double(covered) / Double(speech)
    }

    private mutating func withhold(check: String, _ message: String) {
        diagnostics.append(Diagnostic(.error, check: check, message + "; transcript-based results are withheld"))
        withheld = "the transcript does not match the audio (\(check))"
    }

    /// The share of words (with a role) that have speech on `track(role)` within `tolerance`.
    static func share(_ words: [Word], on track: (Speaker) -> FrameTrack?) -> Double {
        var counted = 0, landed = 0
        for word in words {
            guard let frames = track(word.role ?? .mixed) else { continue }
            counted += 1
            if frames.frames(from: word.start - tolerance, to: word.end + tolerance).contains(where: \.isSpeech) { landed += 1 }
        }
        return counted == 0 ? 1 : Double(landed) / Double(counted)
    }

    static func speechSeconds(_ track: FrameTrack) -> Double {
        Double(track.frames.count { $0.isSpeech }) * FrameClock.hop
    }

    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded())) %" }

    static func seconds(_ value: Double) -> String { String(Double((value * 10).rounded()) / 10) }
}
