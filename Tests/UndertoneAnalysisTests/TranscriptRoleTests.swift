import Foundation
import Testing
import UndertoneAnalysis
import UndertoneDSP

/// A frame track that is loud (speech) inside the given spans and silent elsewhere.
private func syntheticTrack(duration: Double, loudIn spans: [(Double, Double)], energyDb: Float = -20) -> FrameTrack {
    let count = Int((duration / FrameClock.hop).rounded())
    var frames = [Frame](repeating: .silent, count: count)
    for (start, end) in spans {
        for index in FrameClock.frame(at: start)..<min(count, FrameClock.frame(at: end)) {
            frames[index].energyDb = energyDb
            frames[index].isSpeech = true
        }
    }
    return FrameTrack(frames: frames)
}

@Suite struct TranscriptRoleTests {
    @Test func anonymousSpeakerLabelsTakeTheRoleOfTheChannelCarryingTheirEnergy() throws {
        let words = try TranscriptFixtures.read("aws-transcribe-speakers.json").words  // spk_0 / spk_1, no channels
        let reference = try TranscriptFixtures.reference()
        let spk0Spans = [(0.5, 2.6), (5.4, 7.1)]
        // Here spk_0 (who speaks first) is on the right channel, the customer's; each channel hears the other 25 dB down.
        var tracks = [
            syntheticTrack(duration: 8, loudIn: [(3.0, 4.9)]),
            syntheticTrack(duration: 8, loudIn: spk0Spans),
        ]
        for span in spk0Spans {
            for frame in FrameClock.frame(at: span.0)..<FrameClock.frame(at: span.1) { tracks[0].frames[frame].energyDb = -45 }
        }
        #expect(RoleAssigner().assign(words, tracks: tracks).map(\.role) == reference.map { $0.role?.other })
        #expect(RoleAssigner(channels: .customerFirst).assign(words, tracks: tracks).map(\.role)
            == reference.map(\.role))
        // Without audio the first label heard is taken for the agent.
        #expect(RoleAssigner().assign(words).map(\.role) == reference.map(\.role))
    }

    @Test func explicitLabelsAndMetadataNamesWinOverChannels() {
        let metadata = CallMetadata(agentName: "Dana Reyes", customerName: "Sam Lee")
        let words = [
            Word(speaker: "Dana Reyes", channel: 1, start: 0, end: 1, text: "Hello"),
            Word(speaker: "CUSTOMER", channel: 0, start: 1, end: 2, text: "Hi"),
            Word(speaker: "Sam Lee", start: 2, end: 3, text: "yes"),
            Word(speaker: "", channel: 0, start: 3, end: 4, text: "ok"),
            Word(speaker: "", start: 4, end: 5, text: "hmm"),
        ]
        let roles = RoleAssigner(metadata: metadata).assign(words).map(\.role)
        #expect(roles == [.agent, .customer, .customer, .agent, nil])
    }

    @Test func turnsSplitOnRoleChangesAndLongGaps() throws {
        let words = [
            Word(speaker: "a", start: 0, end: 0.5, text: "one", role: .agent),
            Word(speaker: "a", start: 0.6, end: 1, text: "two", role: .agent),
            Word(speaker: "a", start: 2.5, end: 3, text: "three", role: .agent),
            Word(speaker: "c", start: 3.2, end: 3.5, text: "four", role: .customer),
            Word(speaker: "", start: 3.6, end: 3.9, text: "five"),
        ]
        let turns = TurnSegmenter.turns(from: words)
        #expect(turns.map(\.text) == ["one two", "three", "four", "five"])
        #expect(turns.map(\.role) == [.agent, .agent, .customer, .mixed])
        #expect(turns[0].start == 0 && turns[0].end == 1)
    }

    @Test func callMetadataReadsNamesAndFreeFields() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("meta-\(UUID()).json")
        try Data(#"{"agentName":"Dana","customerName":"Sam","company":"Acme","queue":"billing","priority":2,"fields":{"region":"EU"}}"#.utf8)
            .write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let metadata = try CallMetadata.read(url: url)
        #expect(metadata == CallMetadata(agentName: "Dana", customerName: "Sam", company: "Acme",
                                         fields: ["queue": "billing", "priority": "2", "region": "EU"]))
    }

    @Test(arguments: [
        ("[1, 2]", "call metadata: JSON root is not an object"),
        (#"{"agentName": 3}"#, "call metadata: \"agentName\" is not a string"),
        ("{agentName", "call metadata: looks like JSON but does not parse"),
    ])
    func badCallMetadataGivesAOneLineError(content: String, reason: String) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bad-meta-\(UUID()).json")
        try Data(content.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try CallMetadata.read(url: url)
            Issue.record("parsed")
        } catch {
            #expect(error.description.hasPrefix(url.path + ": " + reason), "\(error)")
        }
        #expect(throws: TranscriptError.self) { try CallMetadata.read(url: URL(fileURLWithPath: "/nonexistent/meta.json")) }
    }
}
