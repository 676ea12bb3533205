import Foundation

/// One point of a target's latency history (one per snapshot tick), for graphs and sparklines.
public struct LatencyPoint: Sendable, Equatable, Codable {
    public var at: Date
    /// E2E percentiles over the 1m window at that moment; nil without samples.
    public var p50: Double?
    public var p95: Double?
    public var p99: Double?
    /// Failed share of the probes over the 1m window at that moment; nil without probes.
    public var errorRate: Double?

    public init(at: Date, p50: Double?, p95: Double?, p99: Double?, errorRate: Double? = nil) {
        self.errorRate = errorRate
        self.at = at
        self.p50 = p50
        self.p95 = p95
        self.p99 = p99
    }
}
