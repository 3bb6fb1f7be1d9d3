package import UndertoneAudio
package import UndertoneDSP

/// A call turned into one frame track per party, by the streaming analyzers the live mode uses too.
package struct DecodedCall: Sendable {
    package let info: AudioFileInfo
    /// Each track's party, in track order.
    package let parties: [Speaker]
    /// Which file channel carries which party; nil for a mono call.
    package let channels: ChannelMap?
    package let tracks: [FrameTrack]
    /// Seconds of audio that decoded: the call's length, whatever the header declared.
    package let duration: Double
    /// A warning for the report when the decoded length differs from the declared one by more than a codec frame.
    package let lengthWarning: String?

    package init(
        info: AudioFileInfo, parties: [Speaker], channels: ChannelMap?, tracks: [FrameTrack],
        duration: Double? = nil, lengthWarning: String? = nil
    ) {
        self.info = info
        self.parties = parties
        self.channels = parties.contains(.mixed) ? nil : channels ?? .agentFirst
        self.tracks = tracks
        self.duration = duration ?? info.durationSeconds
        self.lengthWarning = lengthWarning
    }

    /// Decodes everything `reader` holds, through one ``ChannelAnalyzer`` per party.
    package init(
        reading reader: consuming AnalysisAudioReader, channels: ChannelMap?, voiceModel: SileroVoiceWeights
    ) throws(AudioError) {
        let info = reader.info
        let analyzers = reader.roles.map { _ in ChannelAnalyzer(voiceModel: voiceModel) }
        // The header's length is a promise, not a fact: reserve for at most eight hours and let the tracks grow
        // with what actually decodes (a header claiming 2^32 frames must not allocate terabytes). Reserved pages
        // that are never written are not resident, so a lying header costs address space, not memory; a call's
        // tracks that fit their reservation are never copied to grow. Compact tracks keep long calls small: only
        // what the report's stages read of each frame is kept.
        let expectedFrames = Int(min(info.durationSeconds, 8 * 3600) * 100) + 16
        var tracks = reader.roles.map { _ in FrameTrack.compact(reservingCapacity: expectedFrames) }
        var block: [[Float]] = []
        while try reader.read(into: &block) {
            for index in block.indices {
                block[index].withUnsafeBufferPointer { samples in
                    analyzers[index].push(samples) { tracks[index].append($0) }
                }
            }
        }
        for index in analyzers.indices { analyzers[index].finish { tracks[index].append($0) } }
        self.init(
            info: info, parties: reader.roles, channels: channels, tracks: tracks,
            duration: Double(reader.framesDecoded) / Double(info.sampleRate),
            lengthWarning: LengthWarning.text(declared: info, decodedFrames: reader.framesDecoded)
        )
    }

    /// The same call with agent and customer exchanged (`--fix-roles` on a call whose channel map was the wrong way
    /// round); a mono call is unchanged.
    package func swappingRoles() -> DecodedCall {
        guard let channels else { return self }
        return DecodedCall(
            info: info, parties: parties.map(\.other), channels: ChannelMap(agent: channels.customer, customer: channels.agent),
            tracks: tracks, duration: duration, lengthWarning: lengthWarning)
    }

    package func track(_ speaker: Speaker) -> FrameTrack? {
        parties.firstIndex(of: speaker).map { tracks[$0] }
    }

    package func channel(of speaker: Speaker) -> Int? {
        channels?.channel(of: speaker)
    }

    /// Frame tracks indexed by file channel, as transcript role assignment and sentiment expect; channels the call
    /// does not use get an empty track.
    package var tracksByChannel: [FrameTrack] {
        guard let channels else { return tracks }
        var byChannel = [FrameTrack](repeating: FrameTrack(), count: max(channels.agent, channels.customer) + 1)
        for (party, track) in zip(parties, tracks) { if let channel = channels.channel(of: party) { byChannel[channel] = track } }
        return byChannel
    }

    /// Each party's 0–100 loudness score per second of the call: the mean over that second's speech frames, 0 when
    /// the party is silent.
    package var loudnessPerSecond: [Speaker: [Double]] {
        var result: [Speaker: [Double]] = [:]
        for (party, track) in zip(parties, tracks) {
            let framesPerSecond = Int(1 / FrameClock.hop)
            result[party] = stride(from: 0, to: track.frames.count, by: framesPerSecond).map { start in
                let second = track.frames[start..<min(start + framesPerSecond, track.frames.count)].filter(\.isSpeech)
                guard !second.isEmpty else { return 0 }
                return second.reduce(0) { $0 + Double(LoudnessScale.score(loudnessDb: $1.loudnessDb)) } / Double(second.count)
            }
        }
        return result
    }

    package func framesReport() -> FramesReport {
        var reportTracks: [String: FramesReport.Track] = [:]
        for (party, track) in zip(parties, tracks) {
            reportTracks[party.rawValue] = FramesReport.Track(
                speechProbability: track.frames.map(\.speechProbability),
                voiced: track.frames.map(\.voiced),
                f0Hz: track.frames.map { $0.voiced ? $0.f0Hz : nil },
                loudnessDb: track.frames.map(\.loudnessDb)
            )
        }
        return FramesReport(start: 0, step: FrameClock.hop, tracks: reportTracks)
    }
}
