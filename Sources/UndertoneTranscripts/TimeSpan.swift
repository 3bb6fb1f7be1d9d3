public import UndertoneAudio

/// Evidence for a finding: a stretch of the call, who spoke, and what was said.
public struct Evidence: Sendable, Codable, Equatable {
    public var start: Double
    public var end: Double
    public var speaker: Speaker?
    public var text: String

    public init(start: Double, end: Double, speaker: Speaker?, text: String) {
        self.start = start
        self.end = end
        self.speaker = speaker
        self.text = text
    }
}
