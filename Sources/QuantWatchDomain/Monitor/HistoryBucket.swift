import Foundation

/// One minute of one target's probes (by start time), for the history rows of the target detail view.
public struct HistoryBucket: Sendable, Equatable, Codable {
    /// Start of the minute.
    public var start: Date
    public var requests: Int
    public var errors: Int
    /// E2E percentiles in milliseconds; nil when no probe of the minute succeeded.
    public var p50: Double?
    public var p95: Double?
    /// Scored answers of the minute and how many were right.
    public var scored: Int
    public var correct: Int

    public init(
        start: Date, requests: Int, errors: Int, p50: Double? = nil, p95: Double? = nil, scored: Int = 0,
        correct: Int = 0
    ) {
        self.start = start
        self.requests = requests
        self.errors = errors
        self.p50 = p50
        self.p95 = p95
        self.scored = scored
        self.correct = correct
    }

    /// Failed share of the minute's probes; nil without probes.
    public var errorRate: Double? { requests == 0 ? nil : Double(errors) / Double(requests) }

    /// Right share of the minute's scored answers; nil without any.
    public var accuracy: Double? { scored == 0 ? nil : Double(correct) / Double(scored) }
}
