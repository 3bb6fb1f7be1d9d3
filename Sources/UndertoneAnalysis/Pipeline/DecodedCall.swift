import UndertoneAudio
import UndertoneDSP

/// A call file turned into one frame track per party, by the streaming analyzers the live mode uses too.
struct DecodedCall {
    let info: AudioFileInfo
    /// Each track's party and file channel, in track order.
    let parties: [(speaker: Speaker, channel: Int?)]
    let tracks: [FrameTrack]
    /// Seconds of audio that decoded: the call's length, whatever the header declared.
    let duration: Double
    /// A warning for the report when the decoded length differs from the declared one by more than a codec frame.
    let lengthWarning: String?

    init(path: String, channelMap: ChannelMap?) throws(AudioError) {
        var reader = try AnalysisAudioReader(path: path, channels: channelMap)
        info = reader.info
        let roles = reader.roles
        let map = channelMap ?? .agentFirst
        parties = roles.map { role in
            (Speaker(role), role == .agent ? map.agent : role == .customer ? map.customer : nil)
        }
        let analyzers = roles.map { _ in ChannelAnalyzer() }
        var frames = roles.map { _ in [Frame]() }
        // The header's length is a promise, not a fact: reserve for at most an hour and let the arrays grow with
        // what actually decodes (a header claiming 2^32 frames must not allocate terabytes).
        let expectedFrames = Int(min(info.durationSeconds, 3600) * 100) + 16
        for index in frames.indices { frames[index].reserveCapacity(expectedFrames) }
        var block: [[Float]] = []
        while try reader.read(into: &block) {
            for index in block.indices {
                block[index].withUnsafeBufferPointer { samples in
                    analyzers[index].push(samples) { frames[index].append($0) }
                }
            }
        }
        for index in analyzers.indices { analyzers[index].finish { frames[index].append($0) } }
        tracks = frames.map { FrameTrack(frames: $0) }
        duration = Double(reader.framesDecoded) / Double(info.sampleRate)
        lengthWarning = LengthWarning.text(declared: info, decodedFrames: reader.framesDecoded)
    }

    func track(_ speaker: Speaker) -> FrameTrack? {
        parties.firstIndex { $0.speaker == speaker }.map { tracks[$0] }
    }

    func channel(of speaker: Speaker) -> Int? {
        parties.first { $0.speaker == speaker }?.channel
    }

    /// Which party each file channel carries (empty for mono).
    var channelRoles: [Int: Speaker] {
        var roles: [Int: Speaker] = [:]
        for party in parties { if let channel = party.channel { roles[channel] = party.speaker } }
        return roles
    }

    /// Frame tracks indexed by file channel, as transcript role assignment and sentiment expect; channels the call
    /// does not use get an empty track.
    var tracksByChannel: [FrameTrack] {
        guard parties.contains(where: { $0.channel != nil }) else { return tracks }
        var byChannel = [FrameTrack](repeating: FrameTrack(), count: (parties.compactMap(\.channel).max() ?? 0) + 1)
        for (party, track) in zip(parties, tracks) { if let channel = party.channel { byChannel[channel] = track } }
        return byChannel
    }

    /// Each party's 0–100 loudness score per second of the call: the mean over that second's speech frames, 0 when
    /// the party is silent.
    var loudnessPerSecond: [Speaker: [Double]] {
        var result: [Speaker: [Double]] = [:]
        for (party, track) in zip(parties, tracks) {
            let framesPerSecond = Int(1 / FrameClock.hop)
            result[party.speaker] = stride(from: 0, to: track.frames.count, by: framesPerSecond).map { start in
                let second = track.frames[start..<min(start + framesPerSecond, track.frames.count)].filter(\.isSpeech)
                guard !second.isEmpty else { return 0 }
                return second.reduce(0) { $0 + Double(LoudnessScale.score(loudnessDb: $1.loudnessDb)) } / Double(second.count)
            }
        }
        return result
    }

    func framesReport() -> FramesReport {
        var reportTracks: [String: FramesReport.Track] = [:]
        for (party, track) in zip(parties, tracks) {
            reportTracks[party.speaker.rawValue] = FramesReport.Track(
                speechProbability: track.frames.map(\.speechProbability),
                voiced: track.frames.map(\.voiced),
                f0Hz: track.frames.map { $0.voiced ? $0.f0Hz : nil },
                loudnessDb: track.frames.map(\.loudnessDb)
            )
        }
        return FramesReport(start: 0, step: FrameClock.hop, tracks: reportTracks)
    }
}
