import UndertoneAnalysis
import UndertoneAudio

/// The live loop over raw input: read what arrives, push it to the tap, print what it raises.
enum RawStreamLoop {
    static func run(
        source: String, format: StreamFormat, map: ChannelMap?, analyzer: CallAnalyzer, options: LiveAlertOptions,
        feed: LiveFeed
    ) throws {
        var feed = feed
        var input = try RawInput(path: source)
        var tap = try LiveTap(
            format: format, channels: map, analyzer: analyzer, alertOptions: options,
            sourceName: source == "-" ? "stdin" : source
        )
        // 20 ms per read for byte-coded streams, the granularity of the usual live carriers; Opus packets are a few
        // dozen bytes, so a small read rarely holds more than one.
        let chunkBytes = format.encoding == .opus ? 64 : format.bytesPer20ms
        while true {
            let bytes = try input.read(upTo: chunkBytes)
            if bytes.isEmpty { break }
            let alerts = try bytes.withUnsafeBytes { (bytes) throws(AudioError) in try tap.push(bytes) }
            feed.deliver(alerts, from: &tap)
        }
        feed.printer.print(try tap.finish().alerts)
    }
}
