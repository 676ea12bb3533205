import QuantWatchDomain

/// One Prometheus alerting rule as `quantwatch rules` writes it.
struct AlertingRule: Sendable, Equatable {
    var alert: String
    var expr: String
    /// Seconds the condition must hold (the probe's hysteresis); 0: fires at once.
    var forSeconds: Int
    /// `warning` or `critical`, the states of quantwatch's own rules.
    var severity: String
    /// The quantwatch rule this one mirrors (`p99`, `error_rate`, ..., or `probe_down`).
    var rule: String
    var summary: String
}
