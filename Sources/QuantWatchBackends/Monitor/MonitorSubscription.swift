import QuantWatchDomain

/// One consumer's view of the monitor's outputs: an ordered async sequence over its own bounded buffer.
///
/// Ends after the monitor stops and everything buffered has been read, so a consumer that reads to the end has
/// seen every output published before the stop (less what overflowed, counted in `stats`).
public struct MonitorSubscription: AsyncSequence, Sendable {
    public typealias Element = MonitorOutput
    public typealias Failure = Never

    let buffer: SubscriptionBuffer

    /// The consumer's name, as shown in `OutputStats`.
    public var name: String { buffer.name }

    /// What this consumer's buffer holds and dropped so far.
    public var stats: OutputStats { buffer.stats }

    public func makeAsyncIterator() -> Iterator { Iterator(buffer: buffer) }

    public struct Iterator: AsyncIteratorProtocol {
        let buffer: SubscriptionBuffer

        public mutating func next() async -> MonitorOutput? { await buffer.next() }

        public mutating func next(isolation actor: isolated (any Actor)?) async -> MonitorOutput? {
            await buffer.next()
        }
    }
}

/// One kind of output out of a subscription (`MonitorActor.results`, `.events`, `.snapshots`).
public struct MonitorOutputSequence<Element: Sendable>: AsyncSequence, Sendable {
    public typealias Failure = Never

    let subscription: MonitorSubscription
    let pick: @Sendable (MonitorOutput) -> Element?

    public func makeAsyncIterator() -> Iterator { Iterator(buffer: subscription.buffer, pick: pick) }

    public struct Iterator: AsyncIteratorProtocol {
        let buffer: SubscriptionBuffer
        let pick: @Sendable (MonitorOutput) -> Element?

        public mutating func next() async -> Element? { await Self.next(buffer, pick) }

        public mutating func next(isolation actor: isolated (any Actor)?) async -> Element? {
            await Self.next(buffer, pick)
        }

        private static func next(_ buffer: SubscriptionBuffer, _ pick: (MonitorOutput) -> Element?) async -> Element? {
            while let output = await buffer.next() {
                if let element = pick(output) { return element }
            }
            return nil
        }
    }
}
