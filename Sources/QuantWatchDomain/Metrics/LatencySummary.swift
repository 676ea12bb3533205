/// Percentiles of one latency distribution over one window, in milliseconds (HdrHistogram, 3 significant digits).
public struct LatencySummary: Sendable, Equatable, Codable {
    public var count: Int
    public var p50: Double
    public var p95: Double
    public var p99: Double
    public var min: Double
    public var max: Double
    public var mean: Double

    public init(count: Int, p50: Double, p95: Double, p99: Double, min: Double, max: Double, mean: Double) {
        self.count = count
        self.p50 = p50
        self.p95 = p95
        self.p99 = p99
        self.min = min
        self.max = max
        self.mean = mean
    }

    public static let empty = LatencySummary(count: 0, p50: 0, p95: 0, p99: 0, min: 0, max: 0, mean: 0)

    /// A p99 of fewer than 100 samples is shown muted.
    public var p99IsReliable: Bool { count >= 100 }
}
