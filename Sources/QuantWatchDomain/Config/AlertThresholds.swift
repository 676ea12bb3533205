/// Alert rule thresholds and the evidence rules need; fleet-wide defaults, overridable per target.
public struct AlertThresholds: Sendable, Equatable {
    /// p99 end-to-end latency above this is a warning; twice it is critical.
    public var p99Milliseconds: Double
    /// Error rate (0...1) above this is a warning; `errorRateCritical` is critical.
    public var errorRate: Double
    public var errorRateCritical: Double
    /// Accuracy drop against the baseline, in points (0...100): above `accuracyDropWarning` a warning, above
    /// `accuracyDropCritical` critical, when the paired evidence is significant.
    public var accuracyDropWarning: Double
    public var accuracyDropCritical: Double
    /// Answer agreement (0...1) below this floor is a warning.
    public var agreementFloor: Double
    /// Mean KL divergence against the baseline above these is shown as a warning / critical.
    public var kldWarning: Double
    public var kldCritical: Double
    /// Consecutive failed probes after which a target is down (critical).
    public var downAfterFailures: Int
    /// Evaluations a new state must hold before it is reported (hysteresis); one evaluation per new result.
    public var holdEvaluations: Int
    /// Availability objective for the SLO burn-rate rule, for example 0.99.
    public var sloTarget: Double
    /// Confidence (0.5...0.9999) a rule needs before it fires: quality, error-rate and agreement tests.
    public var confidence: Double
    /// Paired canaries a quality rule needs (overall and per category) before it says anything.
    public var minPairs: Int
    /// Failed probes the error-rate rule needs in its window before it fires, whatever the test says.
    public var minFailures: Int

    public init(
        p99Milliseconds: Double = 1500, errorRate: Double = 0.01, errorRateCritical: Double = 0.05,
        accuracyDropWarning: Double = 2, accuracyDropCritical: Double = 5, agreementFloor: Double = 0.8,
        kldWarning: Double = 0.05, kldCritical: Double = 0.1, downAfterFailures: Int = 3, holdEvaluations: Int = 2,
        sloTarget: Double = 0.99, confidence: Double = 0.95, minPairs: Int = 10, minFailures: Int = 3
    ) {
        self.p99Milliseconds = p99Milliseconds
        self.errorRate = errorRate
        self.errorRateCritical = errorRateCritical
        self.accuracyDropWarning = accuracyDropWarning
        self.accuracyDropCritical = accuracyDropCritical
        self.agreementFloor = agreementFloor
        self.kldWarning = kldWarning
        self.kldCritical = kldCritical
        self.downAfterFailures = downAfterFailures
        self.holdEvaluations = holdEvaluations
        self.sloTarget = sloTarget
        self.confidence = confidence
        self.minPairs = minPairs
        self.minFailures = minFailures
    }

    /// The significance level of the rules' tests: 1 − confidence.
    public var alpha: Double { 1 - confidence }
}
