/// How one consumer of the monitor's outputs keeps up: its bounded buffer and what overflowed it.
///
/// Carried on every `Snapshot`, so the screen, `/metrics` and the JSON lines show a consumer that fell behind
/// instead of losing its rows silently.
public struct OutputStats: Sendable, Equatable, Codable {
    /// The consumer's name (`store`, `metrics`, `delivery`, `json`).
    public var consumer: String
    /// Most results and events its buffer holds.
    public var capacity: Int
    /// Results and events waiting in the buffer now.
    public var buffered: Int
    /// Results and events handed to the consumer so far.
    public var delivered: Int
    /// Results and events that found the buffer full and were not delivered.
    public var dropped: Int

    public init(consumer: String, capacity: Int, buffered: Int = 0, delivered: Int = 0, dropped: Int = 0) {
        self.consumer = consumer
        self.capacity = capacity
        self.buffered = buffered
        self.delivered = delivered
        self.dropped = dropped
    }
}
