import QuantWatchDomain

/// Side outputs of a monitor (store, /metrics, alert delivery), called in order on the monitor's actor.
///
/// They must return quickly: hand work to another actor or task.
public struct MonitorObservers: Sendable {
    public var result: @Sendable (ProbeResult) -> Void
    public var event: @Sendable (AlertEvent) -> Void
    public var snapshot: @Sendable (Snapshot) -> Void

    public init(
        result: @escaping @Sendable (ProbeResult) -> Void = { _ in },
        event: @escaping @Sendable (AlertEvent) -> Void = { _ in },
        snapshot: @escaping @Sendable (Snapshot) -> Void = { _ in }
    ) {
        self.result = result
        self.event = event
        self.snapshot = snapshot
    }
}
