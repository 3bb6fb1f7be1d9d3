import UndertoneAnalysis
import UndertoneAudio
import UndertoneDSP

/// The live loop over a container file (WAV, FLAC, Ogg, MP3…): the file is read 20 ms at a time, as a tap would
/// deliver it, so the session sees exactly what a live call would.
enum ContainerStreamLoop {
    static func run(
        path: String, map: ChannelMap?, options: LiveAlertOptions, scorer: TextSentimentScorer, pacer: Pacer,
        transcript: LiveTranscriptEvents?, output: AlertPrinter
    ) throws {
        var transcript = transcript
        let probe = try SoundFile(path: path)
        let blockFrames = max(1, probe.info.sampleRate / 50)
        var reader = try AnalysisAudioReader(path: path, channels: map, blockFrames: blockFrames)
        let speakers: [Speaker] = reader.roles.map { role in
            switch role {
            case .agent: .agent
            case .customer: .customer
            case .mixed: .mixed
            }
        }
        var session = try LiveCallSession(speakers: speakers, options: options, sentimentScorer: .init { scorer.score($0).score })
        var block: [[Float]] = []
        while try reader.read(into: &block) {
            pacer.wait(untilAudioTime: session.streamTime + Double(block[0].count) / Double(FrameClock.sampleRate))
            output.print(session.push(block))
            if transcript != nil {
                for word in transcript!.due(by: session.streamTime) { output.print(session.receive(word)) }
            }
        }
        output.print(session.finish())
    }
}
