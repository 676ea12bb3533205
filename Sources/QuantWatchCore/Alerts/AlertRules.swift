import Foundation

/// Turns a target's figures into one observation per rule; pure, no hysteresis (that is RuleHysteresis's job).
public enum AlertRules {
    /// One observation per rule, in `AlertRule.allCases` order.
    public static func observe(_ input: AlertInput, thresholds: AlertThresholds) -> [RuleObservation] {
        AlertRule.allCases.map { rule in
            switch rule {
            case .p99: p99(input, thresholds)
            case .errorRate: errorRate(input, thresholds)
            case .accuracyDrop: accuracyDrop(input, thresholds)
            case .agreement: agreement(input, thresholds)
            case .down: down(input, thresholds)
            case .burnRate: burnRate(input, thresholds)
            }
        }
    }

    static func p99(_ input: AlertInput, _ thresholds: AlertThresholds) -> RuleObservation {
        let limit = thresholds.p99Milliseconds
        guard input.latencySamples > 0, limit > 0 else {
            return RuleObservation(rule: .p99, state: nil, message: "no latency samples")
        }
        let figure = "p99 \(milliseconds(input.p99Milliseconds)) over \(AlertInput.window.rawValue)"
        if input.p99Milliseconds > 2 * limit {
            return RuleObservation(
                rule: .p99, state: .critical,
                message: "\(figure) > \(milliseconds(2 * limit)) (2 x \(milliseconds(limit)))")
        }
        if input.p99Milliseconds > limit {
            return RuleObservation(rule: .p99, state: .warning, message: "\(figure) > \(milliseconds(limit))")
        }
        return RuleObservation(rule: .p99, state: .ok, message: "\(figure) <= \(milliseconds(limit))")
    }

    static func errorRate(_ input: AlertInput, _ thresholds: AlertThresholds) -> RuleObservation {
        let counts = input.recent
        guard counts.requests > 0 else {
            return RuleObservation(rule: .errorRate, state: nil, message: "no probes")
        }
        let rate = counts.errorRatio
        let figure =
            "error rate \(percent(rate)) (\(counts.errors) of \(counts.requests) over \(AlertInput.window.rawValue))"
        if rate > thresholds.errorRateCritical {
            return RuleObservation(
                rule: .errorRate, state: .critical, message: "\(figure) > \(percent(thresholds.errorRateCritical))")
        }
        if rate > thresholds.errorRate {
            return RuleObservation(
                rule: .errorRate, state: .warning, message: "\(figure) > \(percent(thresholds.errorRate))")
        }
        return RuleObservation(rule: .errorRate, state: .ok, message: "\(figure) <= \(percent(thresholds.errorRate))")
    }

    static func accuracyDrop(_ input: AlertInput, _ thresholds: AlertThresholds) -> RuleObservation {
        guard let drop = input.accuracyDropPoints, let baseline = input.baselineID else {
            return RuleObservation(rule: .accuracyDrop, state: nil, message: "no baseline comparison")
        }
        let figure =
            drop >= 0
            ? "accuracy \(points(drop)) below \(baseline)"
            : "accuracy \(points(-drop)) above \(baseline)"
        let verdict = Verdict(
            dropPoints: drop, warning: thresholds.accuracyDropWarning, critical: thresholds.accuracyDropCritical)
        switch verdict {
        case .doNotDeploy:
            return RuleObservation(
                rule: .accuracyDrop, state: .critical,
                message: "\(figure) (> \(points(thresholds.accuracyDropCritical)))")
        case .caution:
            return RuleObservation(
                rule: .accuracyDrop, state: .warning,
                message: "\(figure) (>= \(points(thresholds.accuracyDropWarning)))")
        case .ok:
            return RuleObservation(
                rule: .accuracyDrop, state: .ok,
                message: "\(figure) (< \(points(thresholds.accuracyDropWarning)))")
        }
    }

    static func agreement(_ input: AlertInput, _ thresholds: AlertThresholds) -> RuleObservation {
        guard let agreement = input.answerAgreement, input.agreementPairs > 0 else {
            return RuleObservation(rule: .agreement, state: nil, message: "no answers paired with a baseline")
        }
        let agreeing = Int((agreement * Double(input.agreementPairs)).rounded())
        let figure = "answer agreement \(percent(agreement)) (\(agreeing) of \(input.agreementPairs) canaries)"
        if agreement < thresholds.agreementFloor {
            return RuleObservation(
                rule: .agreement, state: .warning, message: "\(figure) < \(percent(thresholds.agreementFloor)) floor")
        }
        return RuleObservation(
            rule: .agreement, state: .ok, message: "\(figure) >= \(percent(thresholds.agreementFloor)) floor")
    }

    static func down(_ input: AlertInput, _ thresholds: AlertThresholds) -> RuleObservation {
        guard input.hasResults, thresholds.downAfterFailures > 0 else {
            return RuleObservation(rule: .down, state: nil, message: "no probes yet")
        }
        let failures = input.consecutiveFailures
        if failures >= thresholds.downAfterFailures {
            let last = input.lastErrorClass.map { ", last \($0.rawValue)" } ?? ""
            return RuleObservation(
                rule: .down, state: .critical,
                message: "down: \(failures) consecutive failures (>= \(thresholds.downAfterFailures))\(last)")
        }
        return RuleObservation(
            rule: .down, state: .ok,
            message: "up: \(failures) consecutive failures (< \(thresholds.downAfterFailures))")
    }

    static func burnRate(_ input: AlertInput, _ thresholds: AlertThresholds) -> RuleObservation {
        let windows = input.burn
        guard windows.sixHours.requests > 0 else {
            return RuleObservation(rule: .burnRate, state: nil, message: "no probes in 6h")
        }
        let slo = thresholds.sloTarget
        let fastLong = BurnWindows.rate(windows.oneHour, sloTarget: slo)
        let fastShort = BurnWindows.rate(windows.fiveMinutes, sloTarget: slo)
        let slowLong = BurnWindows.rate(windows.sixHours, sloTarget: slo)
        let slowShort = BurnWindows.rate(windows.thirtyMinutes, sloTarget: slo)
        let objective = "SLO \(percent(slo))"
        if fastLong > BurnWindows.fastFactor && fastShort > BurnWindows.fastFactor {
            return RuleObservation(
                rule: .burnRate, state: .critical,
                message: "error budget burning \(factor(fastLong)) over 1h and \(factor(fastShort)) over 5m "
                    + "(> \(factor(BurnWindows.fastFactor)), \(objective))")
        }
        if slowLong > BurnWindows.slowFactor && slowShort > BurnWindows.slowFactor {
            return RuleObservation(
                rule: .burnRate, state: .warning,
                message: "error budget burning \(factor(slowLong)) over 6h and \(factor(slowShort)) over 30m "
                    + "(> \(factor(BurnWindows.slowFactor)), \(objective))")
        }
        return RuleObservation(
            rule: .burnRate, state: .ok,
            message: "burn rate \(factor(fastLong)) over 1h, \(factor(fastShort)) over 5m, "
                + "\(factor(slowLong)) over 6h, \(factor(slowShort)) over 30m (\(objective))")
    }

    // MARK: - Formatting

    static func milliseconds(_ value: Double) -> String { String(format: "%.0f ms", value) }

    static func percent(_ ratio: Double) -> String {
        let value = ratio * 100
        return value == value.rounded() ? String(format: "%.0f%%", value) : String(format: "%.1f%%", value)
    }

    static func points(_ value: Double) -> String { String(format: "%.1f points", value) }

    static func factor(_ value: Double) -> String {
        value.isFinite ? String(format: "%.1fx", value) : "infx"
    }
}
