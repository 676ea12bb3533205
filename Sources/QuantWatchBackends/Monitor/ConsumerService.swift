import QuantWatchDomain
import ServiceLifecycle

/// One consumer of the monitor's outputs as a service: it reads its subscription in order to the end, then
/// closes (flushes) what it writes to.
///
/// Put it before the `MonitorService` in a `ServiceGroup`: the group shuts services down in reverse order, so
/// the monitor stops first and ends the subscriptions, and each consumer drains what it buffered before the
/// group moves on. It returns only once asked to shut down, since a service that ends on its own while the group
/// is shutting down another counts as a failure there.
public struct ConsumerService: Service, CustomStringConvertible {
    private let subscription: MonitorSubscription
    private let consume: @Sendable (MonitorOutput) async -> Void
    private let drained: @Sendable () async -> Void

    /// - Parameters:
    ///   - consume: called once per output, in order; the next waits for it.
    ///   - drained: called once the subscription has ended and every output was consumed.
    public init(
        _ subscription: MonitorSubscription, consume: @escaping @Sendable (MonitorOutput) async -> Void,
        drained: @escaping @Sendable () async -> Void = {}
    ) {
        self.subscription = subscription
        self.consume = consume
        self.drained = drained
    }

    public var description: String { "consumer \(subscription.name)" }

    public func run() async {
        for await output in subscription { await consume(output) }
        await drained()
        try? await gracefulShutdown()
    }
}
