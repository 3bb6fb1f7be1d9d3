import UndertoneAnalysis

/// What a call page shows that cannot change once the call's analysis is done (its decoded report and its
/// transcript's HTML), for the last few calls opened. A reviewer's every verdict reloads the page, and for a
/// one-hour call decoding the report and transcript and laying out ~8 700 words is most of the server's time.
actor CallPageCache {
    struct Entry: Sendable {
        var report: CallReport
        var transcript: String
    }

    private let capacity: Int
    /// Most recently used last.
    private var entries: [(key: String, entry: Entry)] = []

    init(capacity: Int = 8) {
        self.capacity = capacity
    }

    /// The key of a call's analysis: a re-analysed call (another attempt, another finish time) misses.
    static func key(_ record: CallRecord) -> String {
        "\(record.id) \(record.attempts) \(record.finishedAt?.timeIntervalSince1970 ?? 0)"
    }

    func entry(_ key: String) -> Entry? {
        guard let index = entries.firstIndex(where: { $0.key == key }) else { return nil }
        let found = entries.remove(at: index)
        entries.append(found)
        return found.entry
    }

    func store(_ entry: Entry, for key: String) {
        entries.removeAll { $0.key == key }
        entries.append((key, entry))
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
    }
}
