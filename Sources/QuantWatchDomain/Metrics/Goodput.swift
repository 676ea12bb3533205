/// The share of a window's probes that met every objective of the target's SLO, and how many per second.
public struct Goodput: Sendable, Equatable, Codable {
    /// Probes finished in the window, successes and failures.
    public var requests: Int
    /// Probes that succeeded and met every objective.
    public var good: Int
    /// Good probes per second over the window (or the time since start, when shorter).
    public var perSecond: Double

    public init(requests: Int = 0, good: Int = 0, perSecond: Double = 0) {
        self.requests = requests
        self.good = good
        self.perSecond = perSecond
    }

    /// good / requests; nil without probes.
    public var share: Double? { requests == 0 ? nil : Double(good) / Double(requests) }
}
