/// Alert rule thresholds; fleet-wide defaults, overridable per target.
public struct AlertThresholds: Sendable, Equatable {
    /// p99 end-to-end latency above this is a warning; twice it is critical.
    public var p99Milliseconds: Double
    /// Error rate (0...1) above this is a warning; `errorRateCritical` is critical.
    public var errorRate: Double
    public var errorRateCritical: Double
    /// Accuracy drop against the baseline, in points (0...100).
    public var accuracyDropWarning: Double
    public var accuracyDropCritical: Double
    /// Answer agreement (0...1) below this floor is a warning.
    public var agreementFloor: Double
    /// Consecutive failed probes after which a target is down (critical).
    public var downAfterFailures: Int
    /// Evaluations a new state must hold before it is reported (hysteresis).
    public var holdEvaluations: Int
    /// Availability objective for the SLO burn-rate rule, for example 0.99.
    public var sloTarget: Double

    public init(
        p99Milliseconds: Double = 1500, errorRate: Double = 0.01, errorRateCritical: Double = 0.05,
        accuracyDropWarning: Double = 2, accuracyDropCritical: Double = 5, agreementFloor: Double = 0.8,
        downAfterFailures: Int = 3, holdEvaluations: Int = 2, sloTarget: Double = 0.99
    ) {
        self.p99Milliseconds = p99Milliseconds
        self.errorRate = errorRate
        self.errorRateCritical = errorRateCritical
        self.accuracyDropWarning = accuracyDropWarning
        self.accuracyDropCritical = accuracyDropCritical
        self.agreementFloor = agreementFloor
        self.downAfterFailures = downAfterFailures
        self.holdEvaluations = holdEvaluations
        self.sloTarget = sloTarget
    }
}
