/// The severity of the latency and error figures, from a target's thresholds; the alert rules, the fleet table,
/// JSON and /metrics all take it from here, so they cannot disagree.
public enum FigureSeverity {
    /// Error-rate severity over one window: the rate must be above the threshold, with at least `minFailures`
    /// failures, *and* a one-sided binomial mid-p test against the threshold significant at the fleet's
    /// confidence (1 failure of 36 probes is 2.8% but no evidence of a rate above 1%). Unknown without probes.
    public static func errorRate(_ counts: ErrorWindowCounts, thresholds: AlertThresholds) -> AlertState {
        guard counts.requests > 0 else { return .unknown }
        if exceeds(counts, thresholds.errorRateCritical, thresholds) { return .critical }
        if exceeds(counts, thresholds.errorRate, thresholds) { return .warning }
        return .ok
    }

    /// Whether `counts` shows a failure rate above `limit` with the evidence the rules need.
    public static func exceeds(_ counts: ErrorWindowCounts, _ limit: Double, _ thresholds: AlertThresholds) -> Bool {
        guard counts.requests > 0, counts.errorRatio > limit, counts.errors >= thresholds.minFailures else {
            return false
        }
        return errorPValue(counts, limit) <= thresholds.alpha
    }

    /// One-sided mid-p value of the failures against a rate of `limit`.
    public static func errorPValue(_ counts: ErrorWindowCounts, _ limit: Double) -> Double {
        BinomialTail.midPAbove(counts.errors, trials: counts.requests, p: limit)
    }

    /// p99 severity: above the threshold a warning, above twice it critical. Unknown without samples.
    public static func p99(_ milliseconds: Double, samples: Int, thresholds: AlertThresholds) -> AlertState {
        let limit = thresholds.p99Milliseconds
        guard samples > 0, limit > 0 else { return .unknown }
        if milliseconds > 2 * limit { return .critical }
        if milliseconds > limit { return .warning }
        return .ok
    }
}
