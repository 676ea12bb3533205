/// One thing the monitor publishes, in the order it happened.
public enum MonitorOutput: Sendable, Equatable {
    case result(ProbeResult)
    case event(AlertEvent)
    case snapshot(Snapshot)

    /// The kind a subscription asks for to receive this output.
    public var kind: OutputKinds {
        switch self {
        case .result: .results
        case .event: .events
        case .snapshot: .snapshots
        }
    }
}

/// Which outputs a subscription receives.
public struct OutputKinds: OptionSet, Sendable, Hashable {
    public let rawValue: Int

    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let results = OutputKinds(rawValue: 1)
    public static let events = OutputKinds(rawValue: 2)
    /// Snapshots are coalesced: a consumer that is behind gets the newest one, never a backlog (not counted as
    /// dropped, since a newer picture replaces an older one).
    public static let snapshots = OutputKinds(rawValue: 4)
    public static let all: OutputKinds = [.results, .events, .snapshots]
}
