public import Foundation
public import UndertoneAudio
import UndertoneDSP
public import UndertoneTranscripts

/// One live call fed the bytes of its tap: alerts the moment they hold and, when the call ends, the report the batch
/// analyzer gives for the same audio and transcript.
///
/// Decoding, Opus framing, resampling and routing channels to parties happen inside (``StreamReader``); the caller
/// only moves bytes and words. Feed it from one task per call stream.
///
///     var tap = try LiveTap(format: StreamFormat(encoding: .mulaw, channels: 2), analyzer: analyzer, sourceName: "tap 17")
///     for await chunk in carrier { send(try tap.push(chunk)) }
///     let (alerts, report) = try tap.finish()
public struct LiveTap: ~Copyable {
    private var reader: StreamReader?
    private var session: LiveCallSession
    private let analyzer: CallAnalyzer
    private let metadata: CallMetadata
    private let info: AudioFileInfo
    private let channels: ChannelMap?
    private var words: [Word] = []
    private var tracks: [[Float]] = []

    /// Seconds of audio received so far: the stream position alerts are stamped with.
    public var streamTime: Double { session.streamTime }
    /// The party of each track, as the stream's channels map to them.
    public var parties: [Speaker] { session.speakers }

    /// A tap on an encoded stream.
    ///
    /// - Parameters:
    ///   - channels: Which channel is which party; nil: mono is one mixed track, stereo is agent first.
    ///   - analyzer: Supplies the report's options, the sentiment lexicon and the rubric templates.
    ///   - sourceName: Names the stream in errors and in the report's `call.source`.
    public init(
        format: StreamFormat, channels: ChannelMap? = nil, analyzer: CallAnalyzer,
        alertOptions: LiveAlertOptions = LiveAlertOptions(), metadata: CallMetadata = CallMetadata(), sourceName: String
    ) throws {
        let reader = try StreamReader(format: format, channels: channels, source: sourceName)
        try self.init(
            parties: reader.parties, channels: channels, analyzer: analyzer, alertOptions: alertOptions,
            metadata: metadata, info: AudioFileInfo(
                path: sourceName, container: "stream", codec: format.encoding.rawValue, sampleRate: format.sampleRate,
                channels: format.channels, frameCount: 0
            )
        )
        self.reader = consume reader
    }

    /// A tap fed decoded samples at the analysis rate (``push(tracks:)``), one track per party in `parties`' order.
    public init(
        parties: [Speaker], channels: ChannelMap? = nil, analyzer: CallAnalyzer,
        alertOptions: LiveAlertOptions = LiveAlertOptions(), metadata: CallMetadata = CallMetadata(), info: AudioFileInfo
    ) throws {
        session = try LiveCallSession(
            speakers: parties, options: alertOptions, sentimentScorer: analyzer.liveSentimentScorer, recordsFrames: true
        )
        self.analyzer = analyzer
        self.metadata = metadata
        self.info = info
        self.channels = channels
    }

    /// Decodes the next bytes of the stream and returns the alerts that now hold (each stamped with the stream
    /// position at which it fired).
    public mutating func push(_ bytes: UnsafeRawBufferPointer) throws(AudioError) -> [LiveAlert] {
        var alerts: [LiveAlert] = []
        var offset = 0
        while try reader!.read(bytes, from: &offset, into: &tracks) { alerts += pushTracks() }
        return alerts
    }

    /// Decodes the next bytes of the stream and returns the alerts that now hold.
    public mutating func push(_ bytes: Data) throws -> [LiveAlert] {
        try bytes.withUnsafeBytes { try push($0) }
    }

    /// Decodes one whole Opus packet and returns the alerts that now hold.
    public mutating func push(packet: UnsafeRawBufferPointer) throws(AudioError) -> [LiveAlert] {
        try reader!.read(packet: packet, into: &tracks)
        return pushTracks()
    }

    /// Adds each party's next samples at the analysis rate (for a tap created with decoded tracks).
    public mutating func push(tracks: [[Float]]) -> [LiveAlert] {
        tracks.first?.isEmpty == false ? session.push(tracks) : []
    }

    private mutating func pushTracks() -> [LiveAlert] {
        tracks.first?.isEmpty == false ? session.push(tracks) : []
    }

    /// Adds a live transcript word (with `role` set) and returns the alerts it raises; the word also goes into the
    /// final report.
    public mutating func receive(_ word: Word) -> [LiveAlert] {
        words.append(word)
        return session.receive(word)
    }

    /// Ends the stream: the last alerts, and the call's report.
    public consuming func finish() throws -> (alerts: [LiveAlert], report: CallReport) {
        var last: [LiveAlert] = []
        if reader != nil {
            try reader!.finish(into: &tracks)
            last += pushTracks()
        }
        last += session.finish()
        var info = info
        info.frameCount = Int((session.streamTime * Double(info.sampleRate)).rounded())
        let call = DecodedCall(info: info, parties: session.speakers, channels: channels, tracks: session.recordedTracks)
        let transcript = words.isEmpty ? nil : Transcript(format: .undertone, words: words.sorted { $0.start < $1.start })
        return (last, analyzer.report(for: call, transcript: transcript, metadata: metadata))
    }
}
