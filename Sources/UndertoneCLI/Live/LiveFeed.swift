import UndertoneAnalysis

/// What the live command does with each push to the tap: hold its alerts to the pace, print them, and release the
/// transcript events the audio has reached.
struct LiveFeed {
    let pacer: Pacer
    var transcript: LiveTranscriptEvents?
    let printer: AlertPrinter

    mutating func deliver(_ alerts: [LiveAlert], from tap: inout LiveTap) {
        pacer.wait(untilAudioTime: tap.streamTime)
        printer.print(alerts)
        guard transcript != nil else { return }
        for word in transcript!.due(by: tap.streamTime) { printer.print(tap.receive(word)) }
    }
}
