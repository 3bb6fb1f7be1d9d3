import UndertoneAnalysis
import UndertoneAudio

/// The live loop over a container file (WAV, FLAC, Ogg, MP3…): the file is read 20 ms at a time, as a tap would
/// deliver it, so the tap sees exactly what a live call would.
enum ContainerStreamLoop {
    static func run(
        path: String, map: ChannelMap?, analyzer: CallAnalyzer, options: LiveAlertOptions, feed: LiveFeed
    ) throws {
        var feed = feed
        let probe = try SoundFile(path: path)
        var reader = try AnalysisAudioReader(path: path, channels: map, blockFrames: max(1, probe.info.sampleRate / 50))
        var tap = try LiveTap(parties: reader.roles, channels: map, analyzer: analyzer, alertOptions: options, info: reader.info)
        var block: [[Float]] = []
        while try reader.read(into: &block) { feed.deliver(tap.push(tracks: block), from: &tap) }
        feed.printer.print(try tap.finish().alerts)
    }
}
