/// Alert thresholds as written in one `alerts:` mapping; nil fields inherit from the level above.
struct PartialAlerts {
    var p99Milliseconds: Double?
    var errorRate: Double?
    var errorRateCritical: Double?
    var accuracyDropWarning: Double?
    var accuracyDropCritical: Double?
    var agreementFloor: Double?
    var kldWarning: Double?
    var kldCritical: Double?
    var downAfterFailures: Int?
    var holdEvaluations: Int?
    var sloTarget: Double?
    var confidence: Double?
    var minPairs: Int?
    var minFailures: Int?

    static let keys = [
        "p99_ms", "error_rate", "error_rate_critical", "accuracy_drop_points", "agreement_floor",
        "kld", "down_after_failures", "hold_evaluations", "slo_target", "confidence", "min_pairs",
        "min_failures",
    ]

    var isEmpty: Bool {
        p99Milliseconds == nil && errorRate == nil && errorRateCritical == nil && accuracyDropWarning == nil
            && accuracyDropCritical == nil && agreementFloor == nil && downAfterFailures == nil
            && holdEvaluations == nil && sloTarget == nil && kldWarning == nil && kldCritical == nil
            && confidence == nil && minPairs == nil && minFailures == nil
    }

    /// `base` with every field given here replaced.
    func applied(to base: AlertThresholds) -> AlertThresholds {
        AlertThresholds(
            p99Milliseconds: p99Milliseconds ?? base.p99Milliseconds,
            errorRate: errorRate ?? base.errorRate,
            errorRateCritical: errorRateCritical ?? base.errorRateCritical,
            accuracyDropWarning: accuracyDropWarning ?? base.accuracyDropWarning,
            accuracyDropCritical: accuracyDropCritical ?? base.accuracyDropCritical,
            agreementFloor: agreementFloor ?? base.agreementFloor,
            kldWarning: kldWarning ?? base.kldWarning,
            kldCritical: kldCritical ?? base.kldCritical,
            downAfterFailures: downAfterFailures ?? base.downAfterFailures,
            holdEvaluations: holdEvaluations ?? base.holdEvaluations,
            sloTarget: sloTarget ?? base.sloTarget,
            confidence: confidence ?? base.confidence,
            minPairs: minPairs ?? base.minPairs,
            minFailures: minFailures ?? base.minFailures)
    }
}
