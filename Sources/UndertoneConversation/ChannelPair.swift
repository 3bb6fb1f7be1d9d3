/// One value per channel of a call of one or two channels, stored inline so the per-frame sweep never allocates.
/// A mono call uses index 0 only; index 1 keeps its initial value.
struct ChannelPair<Value: Sendable & Equatable>: Sendable, Equatable {
    private var first: Value
    private var second: Value

    init(repeating value: Value) {
        first = value
        second = value
    }

    subscript(index: Int) -> Value {
        get { index == 0 ? first : second }
        set {
            if index == 0 { first = newValue } else { second = newValue }
        }
    }
}

extension ChannelPair where Value == Bool {
    /// Whether either channel is set.
    var any: Bool { first || second }
    /// Whether both channels are set.
    var both: Bool { first && second }
}
