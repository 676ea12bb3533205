/// The alert rules evaluated for every target, by the names events carry.
public enum AlertRule: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    /// End-to-end p99 over the 5m window above the threshold (warning), or twice it (critical).
    case p99
    /// Failed probes over the 5m window above `errorRate` (warning) or `errorRateCritical` (critical).
    case errorRate = "error_rate"
    /// Accuracy below the baseline's by `accuracyDropWarning` points or more (warning), or more than
    /// `accuracyDropCritical` points (critical), as the deployment verdict.
    case accuracyDrop = "accuracy_drop"
    /// Answer agreement with the baseline below `agreementFloor` (warning).
    case agreement
    /// `downAfterFailures` or more consecutive failed probes (critical).
    case down
    /// SLO error-budget burn: 14.4x over 1h and 5m (critical), 6x over 6h and 30m (warning).
    case burnRate = "burn_rate"
    /// A target against a recording made from itself (`baseline_file` recorded from the same target): answers
    /// changed beyond the recording's own noise floor (warning, a significant binomial test), or the server
    /// reports another model id / path / digest / fingerprint than when recorded (critical, at once).
    case baselineDrift = "baseline_drift"
}
