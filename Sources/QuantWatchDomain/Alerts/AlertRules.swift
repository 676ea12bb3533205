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
            case .baselineDrift: BaselineDriftRule.observe(input.drift, thresholds: thresholds)
            }
        }
    }

    static func p99(_ input: AlertInput, _ thresholds: AlertThresholds) -> RuleObservation {
        let limit = thresholds.p99Milliseconds
        let severity = FigureSeverity.p99(input.p99Milliseconds, samples: input.latencySamples, thresholds: thresholds)
        let queue = input.queueNote.map { ", \($0)" } ?? ""
        let figure =
            "p99 \(milliseconds(input.p99Milliseconds)) over \(AlertInput.window.rawValue) "
            + "(\(input.latencySamples) samples\(queue))"
        switch severity {
        case .unknown:
            return RuleObservation(rule: .p99, state: nil, message: "no latency samples")
        case .critical:
            return RuleObservation(
                rule: .p99, state: .critical,
                message: "\(figure) > \(milliseconds(2 * limit)) (2 x \(milliseconds(limit)))")
        case .warning:
            return RuleObservation(rule: .p99, state: .warning, message: "\(figure) > \(milliseconds(limit))")
        case .ok:
            return RuleObservation(rule: .p99, state: .ok, message: "\(figure) <= \(milliseconds(limit))")
        }
    }

    static func errorRate(_ input: AlertInput, _ thresholds: AlertThresholds) -> RuleObservation {
        let counts = input.recent
        let severity = FigureSeverity.errorRate(counts, thresholds: thresholds)
        guard severity != .unknown else {
            return RuleObservation(rule: .errorRate, state: nil, message: "no probes")
        }
        let figure =
            "error rate \(percent(counts.errorRatio)) (\(counts.errors) of \(counts.requests) over "
            + "\(AlertInput.window.rawValue))"
        func evidence(_ limit: Double) -> String {
            "p=\(pValue(FigureSeverity.errorPValue(counts, limit)))"
        }
        switch severity {
        case .critical:
            return RuleObservation(
                rule: .errorRate, state: .critical,
                message:
                    "\(figure) > \(percent(thresholds.errorRateCritical)), \(evidence(thresholds.errorRateCritical))")
        case .warning:
            return RuleObservation(
                rule: .errorRate, state: .warning,
                message: "\(figure) > \(percent(thresholds.errorRate)), \(evidence(thresholds.errorRate))")
        default:
            let verdict =
                counts.errorRatio > thresholds.errorRate
                ? "above \(percent(thresholds.errorRate)) but not significant (\(evidence(thresholds.errorRate)), "
                    + "needs p<=\(pValue(thresholds.alpha)) and \(thresholds.minFailures) failures)"
                : "<= \(percent(thresholds.errorRate))"
            return RuleObservation(rule: .errorRate, state: .ok, message: "\(figure) \(verdict)")
        }
    }

    static func accuracyDrop(_ input: AlertInput, _ thresholds: AlertThresholds) -> RuleObservation {
        guard let baseline = input.baselineID, let overall = input.quality.first, overall.paired != nil else {
            return RuleObservation(rule: .accuracyDrop, state: nil, message: "no baseline comparison")
        }
        // The worst scope decides: the highest severity, then the larger drop; among scopes that are ok, overall.
        let judged = input.quality.filter { $0.deltaSeverity != .unknown }
        guard
            let worst = judged.enumerated().max(by: { lhs, rhs in
                if lhs.element.deltaSeverity != rhs.element.deltaSeverity {
                    return lhs.element.deltaSeverity < rhs.element.deltaSeverity
                }
                if lhs.element.deltaSeverity == .ok { return lhs.offset > rhs.offset }
                return (lhs.element.deltaPoints ?? 0) > (rhs.element.deltaPoints ?? 0)
            })?.element
        else {
            return RuleObservation(
                rule: .accuracyDrop, state: nil,
                message: "accuracy vs \(baseline): \(overall.paired?.scored ?? 0) scored pairs "
                    + "(needs \(thresholds.minPairs))")
        }
        let sentence = qualitySentence(worst, baseline: baseline, thresholds: thresholds)
        switch worst.deltaSeverity {
        case .critical:
            return RuleObservation(
                rule: .accuracyDrop, state: .critical,
                message: "\(sentence): > \(points(thresholds.accuracyDropCritical)), do not deploy")
        case .warning:
            return RuleObservation(
                rule: .accuracyDrop, state: .warning,
                message: "\(sentence): > \(points(thresholds.accuracyDropWarning)), caution")
        default:
            let drop = -(worst.deltaPoints ?? 0)
            let verdict =
                drop > thresholds.accuracyDropWarning
                ? "not significant at \(percent(thresholds.confidence))"
                : "within \(points(thresholds.accuracyDropWarning))"
            return RuleObservation(rule: .accuracyDrop, state: .ok, message: "\(sentence): \(verdict)")
        }
    }

    /// "math accuracy -28.6 pts vs f16 (95% CI -50.3 to -4.1, 4 of 14 canaries flipped: 4 worse, 0 better;
    /// p=0.031)".
    public static func qualitySentence(_ quality: CategoryQuality, baseline: String, thresholds: AlertThresholds)
        -> String
    {
        let counts = quality.paired ?? PairedCounts()
        let scope = quality.category == QualityComparison.overallCategory ? "accuracy" : "\(quality.category) accuracy"
        let delta = quality.deltaPoints.map { Figures.points($0) + " pts" } ?? Figures.missing
        let interval =
            quality.deltaLow.flatMap { low in
                quality.deltaHigh.map { Figures.fixed(low, decimals: 1) + " to " + Figures.fixed($0, decimals: 1) }
            } ?? Figures.missing
        let flipped =
            "\(counts.discordant) of \(counts.scored) canaries flipped: \(counts.regressions) worse, "
            + "\(counts.improvements) better"
        let significance = quality.worsePValue.map { "; p=\(pValue($0))" } ?? ""
        return "\(scope) \(delta) vs \(baseline) (\(percent(thresholds.confidence)) CI \(interval), "
            + "\(flipped)\(significance))"
    }

    static func agreement(_ input: AlertInput, _ thresholds: AlertThresholds) -> RuleObservation {
        guard let overall = input.quality.first, let counts = overall.paired, let agreement = counts.agreement,
            overall.agreementSeverity != .unknown
        else {
            return RuleObservation(
                rule: .agreement, state: nil,
                message: "answer agreement: \(input.quality.first?.pairs ?? 0) pairs (needs \(thresholds.minPairs))")
        }
        let figure = "answer agreement \(percent(agreement)) (\(counts.agreeing) of \(counts.pairs) canaries)"
        if overall.agreementSeverity >= .warning {
            return RuleObservation(
                rule: .agreement, state: .warning, message: "\(figure) < \(percent(thresholds.agreementFloor)) floor")
        }
        let verdict =
            agreement < thresholds.agreementFloor
            ? "below the \(percent(thresholds.agreementFloor)) floor but not significant"
            : ">= \(percent(thresholds.agreementFloor)) floor"
        return RuleObservation(rule: .agreement, state: .ok, message: "\(figure) \(verdict)")
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
        let fastCounts = windows.holds(seconds: 3600) && windows.holds(seconds: 300)
        let slowCounts = windows.holds(seconds: 21600) && windows.holds(seconds: 1800)
        guard fastCounts || slowCounts else {
            return RuleObservation(
                rule: .burnRate, state: nil,
                message: "burn rate: \(windows.coveredSeconds / 60) min of data, a window counts once it holds "
                    + "\(Int(BurnWindows.requiredCoverage * 100))% of its length")
        }
        let slo = thresholds.sloTarget
        let fastLong = BurnWindows.rate(windows.oneHour, sloTarget: slo)
        let fastShort = BurnWindows.rate(windows.fiveMinutes, sloTarget: slo)
        let slowLong = BurnWindows.rate(windows.sixHours, sloTarget: slo)
        let slowShort = BurnWindows.rate(windows.thirtyMinutes, sloTarget: slo)
        let objective = "SLO \(percent(slo))"
        let minFailures = thresholds.minFailures
        if fastCounts && fastLong > BurnWindows.fastFactor && fastShort > BurnWindows.fastFactor
            && windows.fiveMinutes.errors >= minFailures
        {
            return RuleObservation(
                rule: .burnRate, state: .critical,
                message: "error budget burning \(factor(fastLong)) over 1h and \(factor(fastShort)) over 5m "
                    + "(> \(factor(BurnWindows.fastFactor)), \(objective))")
        }
        if slowCounts && slowLong > BurnWindows.slowFactor && slowShort > BurnWindows.slowFactor
            && windows.thirtyMinutes.errors >= minFailures
        {
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

    static func milliseconds(_ value: Double) -> String { Figures.fixed(value, decimals: 0) + " ms" }

    static func percent(_ ratio: Double) -> String {
        let value = ratio * 100
        return Figures.fixed(value, decimals: value == value.rounded() ? 0 : 1) + "%"
    }

    static func points(_ value: Double) -> String { Figures.fixed(value, decimals: 1) + " points" }

    /// A p-value in three significant figures ("0.031", "0.00012").
    static func pValue(_ value: Double) -> String {
        // Significant figures below 0.001, which fixed decimals would round to zero.
        value >= 0.001 ? Figures.fixed(value, decimals: 3) : String(format: "%.2g", value)
    }

    static func factor(_ value: Double) -> String {
        value.isFinite ? Figures.fixed(value, decimals: 1) + "x" : "infx"
    }
}
