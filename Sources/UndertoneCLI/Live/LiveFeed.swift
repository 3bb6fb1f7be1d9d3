import UndertoneAnalysis
import UndertoneDSP

/// What the live loops do with each block of analysis-rate samples: hold it to the pace, run the session, print its
/// alerts, and release the transcript events the audio has reached.
struct LiveFeed {
    let pacer: Pacer
    var transcript: LiveTranscriptEvents?
    let printer: AlertPrinter

    mutating func feed(_ tracks: [[Float]], to session: inout LiveCallSession) {
        guard let count = tracks.first?.count, count > 0 else { return }
        pacer.wait(untilAudioTime: session.streamTime + Double(count) / Double(FrameClock.sampleRate))
        printer.print(session.push(tracks))
        guard transcript != nil else { return }
        for word in transcript!.due(by: session.streamTime) { printer.print(session.receive(word)) }
    }

    func finish(_ session: inout LiveCallSession) {
        printer.print(session.finish())
    }
}
