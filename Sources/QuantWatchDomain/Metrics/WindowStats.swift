/// Everything measured for one target over one window.
public struct WindowStats: Sendable, Equatable, Codable {
    public var e2e: LatencySummary
    public var ttft: LatencySummary
    public var tpot: LatencySummary
    /// Probes finished in the window (successes and failures).
    public var requests: Int
    public var successes: Int
    public var errors: [ErrorClass: Int]
    public var retries: Int
    /// Probes per second over the window.
    public var requestsPerSecond: Double
    /// Output tokens per second over the window (fleet throughput share).
    public var tokensPerSecond: Double
    /// Median per-request decode speed, tokens/s.
    public var decodeTokensPerSecond: Double?
    /// E2E histogram for the detail view.
    public var e2eHistogram: [HistogramBin]
    /// Severities of this window's error rate and E2E p99 from the target's thresholds (see FigureSeverity).
    public var errorSeverity: AlertState = .unknown
    public var p99Severity: AlertState = .unknown

    public init(
        e2e: LatencySummary = .empty, ttft: LatencySummary = .empty, tpot: LatencySummary = .empty,
        requests: Int = 0, successes: Int = 0, errors: [ErrorClass: Int] = [:], retries: Int = 0,
        requestsPerSecond: Double = 0, tokensPerSecond: Double = 0, decodeTokensPerSecond: Double? = nil,
        e2eHistogram: [HistogramBin] = []
    ) {
        self.e2e = e2e
        self.ttft = ttft
        self.tpot = tpot
        self.requests = requests
        self.successes = successes
        self.errors = errors
        self.retries = retries
        self.requestsPerSecond = requestsPerSecond
        self.tokensPerSecond = tokensPerSecond
        self.decodeTokensPerSecond = decodeTokensPerSecond
        self.e2eHistogram = e2eHistogram
    }

    public static let empty = WindowStats()

    public var errorCount: Int { errors.values.reduce(0, +) }

    /// Errors / requests, 0 when there were none.
    public var errorRate: Double { requests == 0 ? 0 : Double(errorCount) / Double(requests) }

    /// Probes and failures, as the error-rate rule counts them.
    public var errorCounts: ErrorWindowCounts { ErrorWindowCounts(requests: requests, errors: errorCount) }

    /// The stats with their severities set from `thresholds`.
    public func judged(by thresholds: AlertThresholds) -> WindowStats {
        var judged = self
        judged.errorSeverity = FigureSeverity.errorRate(errorCounts, thresholds: thresholds)
        judged.p99Severity = FigureSeverity.p99(e2e.p99, samples: e2e.count, thresholds: thresholds)
        return judged
    }
}
