import Foundation

/// The immutable picture of the whole fleet the monitor publishes; the UI and outputs read only this.
public struct Snapshot: Sendable, Equatable {
    public var takenAt: Date
    public var startedAt: Date
    public var targets: [TargetSnapshot]
    /// Latest alert transitions, newest last (bounded).
    public var events: [AlertEvent]
    /// Probes finished per second over the last minute, fleet-wide.
    public var probesPerSecond: Double
    public var inFlight: Int
    /// Probing paused (the `pause` command), distinct from the UI freezing its picture.
    public var paused: Bool

    public init(
        takenAt: Date, startedAt: Date, targets: [TargetSnapshot] = [], events: [AlertEvent] = [],
        probesPerSecond: Double = 0, inFlight: Int = 0, paused: Bool = false
    ) {
        self.takenAt = takenAt
        self.startedAt = startedAt
        self.targets = targets
        self.events = events
        self.probesPerSecond = probesPerSecond
        self.inFlight = inFlight
        self.paused = paused
    }

    /// Worst state of any target (unknown when there are none).
    public var fleetState: AlertState { targets.map(\.state).max() ?? .unknown }

    /// Number of targets in a state.
    public func count(_ state: AlertState) -> Int { targets.filter { $0.state == state }.count }
}
