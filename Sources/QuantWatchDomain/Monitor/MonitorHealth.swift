/// How the monitor itself keeps up, as running totals since it started: what a soak watches for slow growth
/// (snapshots getting dearer, probes starting later and later) and `/metrics` exports as `quantwatch_self_*`.
public struct MonitorHealth: Sendable, Equatable {
    /// Snapshots built before the one carrying these figures.
    public var snapshots: Int = 0
    /// Time spent building them, in seconds.
    public var snapshotSeconds: Double = 0
    /// Build time of the latest of them, in seconds.
    public var lastSnapshotSeconds: Double = 0
    /// Probes started on their schedule, and how late they started in total and at worst (waiting for a permit
    /// included), in seconds.
    public var probeStarts: Int = 0
    public var scheduleLagSeconds: Double = 0
    public var maxScheduleLagSeconds: Double = 0

    public init() {}

    package mutating func noteSnapshot(took duration: Duration) {
        snapshots += 1
        snapshotSeconds += duration.seconds
        lastSnapshotSeconds = duration.seconds
    }

    package mutating func noteStart(late: Duration) {
        let seconds = max(0, late.seconds)
        probeStarts += 1
        scheduleLagSeconds += seconds
        maxScheduleLagSeconds = max(maxScheduleLagSeconds, seconds)
    }
}
