/// The one rule that cuts speech into turns, for batch (whole transcripts) and live (words as they arrive) alike.
///
/// A turn is one party's words with no silence longer than `maxGap` between them. The other party's words in
/// between do not split it: a backchannel ("mhm", "okay") or talk over the speaker ("Wait, I have been…" said over
/// the agent) leaves both parties' turns whole, and commas or short pauses never cut a turn. A turn also closes at
/// `maxItems` words, so live memory stays bounded; batch applies the same cap, so both give the same turns.
///
/// Fed items in start order (batch sorts them first), the builder closes a party's turn when that party's next item
/// starts more than `maxGap` after it, when any item starts more than `maxGap` after it (the transcript has moved
/// on, so nothing can join it any more), or at `finish()`.
public struct TurnBuilder<Party: Hashable & Sendable, Item: Sendable>: Sendable {
    /// One party's turn: its items in arrival order, from the first item's start to the latest end.
    public struct Turn: Sendable {
        public var party: Party
        public var items: [Item]
        public var start: Double
        public var end: Double
    }

    public let maxGap: Double
    public let maxItems: Int
    private var open: [Party: Turn] = [:]
    /// Turns in the order they opened, so closing order never depends on dictionary order.
    private var openOrder: [Party] = []

    public init(maxGap: Double = TurnSegmenter.defaultMaxGap, maxItems: Int = TurnSegmenter.maximumWords) {
        self.maxGap = maxGap
        self.maxItems = maxItems
    }

    /// Adds an item; returns the turns it closes (the party's own previous turn, other parties' finished ones),
    /// oldest first.
    public mutating func add(_ item: Item, of party: Party, start: Double, end: Double) -> [Turn] {
        var closed = close(endingBefore: start)
        if var turn = open[party] {
            if turn.items.count >= maxItems {
                closed.append(turn)
                openOrder.removeAll { $0 == party }
            } else {
                turn.items.append(item)
                turn.end = max(turn.end, end)
                open[party] = turn
                return closed
            }
        }
        open[party] = Turn(party: party, items: [item], start: start, end: end)
        openOrder.append(party)
        return closed
    }

    /// Closes the turns that nothing starting at `time` or later can join, oldest first.
    public mutating func close(endingBefore time: Double) -> [Turn] {
        var closed: [Turn] = []
        openOrder.removeAll { party in
            guard let turn = open[party], time - turn.end > maxGap else { return false }
            closed.append(turn)
            open[party] = nil
            return true
        }
        return closed
    }

    /// Closes every open turn, oldest first.
    public mutating func finish() -> [Turn] {
        let closed = openOrder.compactMap { open[$0] }
        open = [:]
        openOrder = []
        return closed
    }

    /// Every turn of `items` (sorted here by start), in start order.
    public static func turns(
        of items: [(party: Party, item: Item, start: Double, end: Double)],
        maxGap: Double = TurnSegmenter.defaultMaxGap, maxItems: Int = TurnSegmenter.maximumWords
    ) -> [Turn] {
        var builder = TurnBuilder(maxGap: maxGap, maxItems: maxItems)
        var turns: [Turn] = []
        for entry in items.sorted(by: { $0.start < $1.start }) {
            turns += builder.add(entry.item, of: entry.party, start: entry.start, end: entry.end)
        }
        turns += builder.finish()
        return turns.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
    }
}
