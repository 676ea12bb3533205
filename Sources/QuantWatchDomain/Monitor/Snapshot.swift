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
    /// How the monitor producing this snapshot keeps up (set by `MonitorActor`; zero elsewhere).
    public var health = MonitorHealth()
    /// The monitor's consumers of results and events, with what each buffered and dropped.
    public var outputs: [OutputStats]

    public init(
        takenAt: Date, startedAt: Date, targets: [TargetSnapshot] = [], events: [AlertEvent] = [],
        probesPerSecond: Double = 0, inFlight: Int = 0, paused: Bool = false, outputs: [OutputStats] = []
    ) {
        self.takenAt = takenAt
        self.startedAt = startedAt
        self.targets = targets
        self.events = events
        self.probesPerSecond = probesPerSecond
        self.inFlight = inFlight
        self.paused = paused
        self.outputs = outputs
    }

    /// Results and events lost to full consumer buffers so far, all consumers together.
    public var droppedOutputs: Int { outputs.reduce(0) { $0 + $1.dropped } }

    /// Worst state of any target (unknown when there are none).
    public var fleetState: AlertState { targets.map(\.state).max() ?? .unknown }

    /// Number of targets in a state.
    public func count(_ state: AlertState) -> Int { targets.filter { $0.state == state }.count }
}
