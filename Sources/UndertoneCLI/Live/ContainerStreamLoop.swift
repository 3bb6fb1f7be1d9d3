import UndertoneAnalysis
import UndertoneAudio
import UndertoneDSP

/// The live loop over a container file (WAV, FLAC, Ogg, MP3…): the file is read 20 ms at a time, as a tap would
/// deliver it, so the session sees exactly what a live call would.
enum ContainerStreamLoop {
    static func run(
        path: String, map: ChannelMap?, options: LiveAlertOptions, scorer: TextSentimentScorer, feed: LiveFeed
    ) throws {
        var feed = feed
        let probe = try SoundFile(path: path)
        let blockFrames = max(1, probe.info.sampleRate / 50)
        var reader = try AnalysisAudioReader(path: path, channels: map, blockFrames: blockFrames)
        var session = try LiveCallSession(
            speakers: reader.roles.map(Speaker.init), options: options, sentimentScorer: .init { scorer.score($0).score }
        )
        var block: [[Float]] = []
        while try reader.read(into: &block) { feed.feed(block, to: &session) }
        feed.finish(&session)
    }
}
