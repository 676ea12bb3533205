import QuantWatchDomain

/// The Prometheus rule file equivalent to a fleet's `alerts:` (`quantwatch rules --config F`): recording rules for
/// the quantiles, rates and error ratios `top` reads, and alerting rules for p99, error rate, SLO burn rate,
/// accuracy drop, agreement floor, target down, baseline drift and a probe that stopped answering scrapes.
///
/// Targets with the same thresholds share one alert group, selected by a `target=~` matcher; each alert carries
/// `severity` and `rule` labels so Alertmanager can route and inhibit.
///
/// Where quantwatch's own rules test the evidence (the paired McNemar test of accuracy drop and agreement), the
/// alerts require the probe's exported verdict (`quantwatch_severity`) besides the figure, so a steady fleet's noise
/// pages no one; the error-rate alert keeps the threshold and the minimum count of failures (a binomial test is not
/// PromQL), so it can fire on a little less evidence than the probe's own rule.
public enum PrometheusRules {
    /// The whole rule file as YAML.
    ///
    /// `job` names the scrape job of the probes (for the probe-down alert).
    public static func render(_ config: FleetConfig, job: String = "quantwatch") -> String {
        var out = RuleFileWriter()
        out.line(
            "# Written by `quantwatch rules` from \(fileName(config.path)); regenerate it when the fleet file changes.")
        out.line("groups:")
        for level in RecordedSeries.Level.allCases {
            out.group(name: "quantwatch_recording_\(level.rawValue)", interval: nil)
            for (record, expr) in RecordedSeries.rules(level) {
                out.recording(record: record, expr: expr)
            }
        }
        for (index, group) in thresholdGroups(config).enumerated() {
            out.group(name: "quantwatch_alerts_\(index + 1)", interval: nil)
            for rule in alertingRules(group.thresholds, targets: group.ids, holdSeconds: group.holdSeconds) {
                out.alerting(rule)
            }
        }
        out.group(name: "quantwatch_probes", interval: nil)
        out.alerting(
            AlertingRule(
                alert: "QuantwatchProbeDown", expr: "up{job=\(promQLString(job))} == 0", forSeconds: 60,
                severity: "critical", rule: "probe_down",
                summary: "probe {{ $labels.instance }} of job \(job) does not answer scrapes: its targets are unwatched"
            ))
        return out.text
    }

    /// Targets grouped by thresholds and hold time, in fleet order.
    static func thresholdGroups(_ config: FleetConfig) -> [(
        thresholds: AlertThresholds, holdSeconds: Int, ids: [String]
    )] {
        var groups: [(thresholds: AlertThresholds, holdSeconds: Int, ids: [String])] = []
        for target in config.targets {
            let hold = Int((Double(target.alerts.holdEvaluations) * target.interval.seconds).rounded(.up))
            if let position = groups.firstIndex(where: { $0.thresholds == target.alerts && $0.holdSeconds == hold }) {
                groups[position].ids.append(target.id)
            } else {
                groups.append((target.alerts, hold, [target.id]))
            }
        }
        return groups
    }

    /// The alerting rules of one group of targets.
    static func alertingRules(_ thresholds: AlertThresholds, targets: [String], holdSeconds: Int) -> [AlertingRule] {
        let selector = "target=~" + promQLString(targets.map(regexEscaped).joined(separator: "|"))
        let level = RecordedSeries.Level.probeTarget
        let on = "on (\(level.by))"
        let onCategory = "on (\(level.by), category)"
        let limit = thresholds.p99Milliseconds / 1000
        let p99 = "\(RecordedSeries.quantile(level, "e2e", "p99", "5m")){\(selector)}"
        let ratio5m = "\(RecordedSeries.errorRatio(level, "5m")){\(selector)}"
        let errors5m = "\(RecordedSeries.errorIncrease(level, "5m")){\(selector)}"
        let budget = 1 - thresholds.sloTarget
        func burn(_ long: String, _ short: String, _ factor: Double) -> String {
            let rate = number(factor * budget)
            return "\(RecordedSeries.errorRatio(level, long)){\(selector)} > \(rate)\n"
                + "and \(on) \(RecordedSeries.errorRatio(level, short)){\(selector)} > \(rate)"
        }
        func quality(_ figure: String, _ comparison: String, _ severity: Int, category: String? = nil) -> String {
            let scope = category.map { ",category=\"\($0)\"" } ?? ""
            return "quantwatch_\(figure){\(selector)\(scope)} \(comparison)\n"
                + "and \(onCategory) quantwatch_quality_pairs{\(selector)} >= \(thresholds.minPairs)\n"
                + "and \(onCategory) quantwatch_severity{\(selector),figure=\"\(figure.replacingPoints)\"} "
                + ">= \(severity)"
        }
        return [
            AlertingRule(
                alert: "QuantwatchP99High", expr: "\(p99) > \(number(limit))", forSeconds: holdSeconds,
                severity: "warning", rule: "p99",
                summary: "{{ $labels.target }} p99 {{ $value | humanizeDuration }} over 5m from probe "
                    + "{{ $labels.probe }} (> \(milliseconds(thresholds.p99Milliseconds)))"),
            AlertingRule(
                alert: "QuantwatchP99High", expr: "\(p99) > \(number(2 * limit))", forSeconds: holdSeconds,
                severity: "critical", rule: "p99",
                summary: "{{ $labels.target }} p99 {{ $value | humanizeDuration }} over 5m from probe "
                    + "{{ $labels.probe }} (> 2 x \(milliseconds(thresholds.p99Milliseconds)))"),
            AlertingRule(
                alert: "QuantwatchErrorRateHigh",
                expr:
                    "\(ratio5m) > \(number(thresholds.errorRate))\nand \(on) \(errors5m) >= \(thresholds.minFailures)",
                forSeconds: holdSeconds, severity: "warning", rule: "error_rate",
                summary: "{{ $labels.target }} error rate {{ $value | humanizePercentage }} over 5m from probe "
                    + "{{ $labels.probe }} (> \(percent(thresholds.errorRate)))"),
            AlertingRule(
                alert: "QuantwatchErrorRateHigh",
                expr: "\(ratio5m) > \(number(thresholds.errorRateCritical))\n"
                    + "and \(on) \(errors5m) >= \(thresholds.minFailures)",
                forSeconds: holdSeconds, severity: "critical", rule: "error_rate",
                summary: "{{ $labels.target }} error rate {{ $value | humanizePercentage }} over 5m from probe "
                    + "{{ $labels.probe }} (> \(percent(thresholds.errorRateCritical)))"),
            AlertingRule(
                alert: "QuantwatchErrorBudgetBurn", expr: burn("1h", "5m", BurnWindows.fastFactor),
                forSeconds: holdSeconds, severity: "critical", rule: "burn_rate",
                summary: "{{ $labels.target }} burns its \(percent(thresholds.sloTarget)) SLO error budget "
                    + "\(number(BurnWindows.fastFactor))x too fast over 1h and 5m (probe {{ $labels.probe }})"),
            AlertingRule(
                alert: "QuantwatchErrorBudgetBurn", expr: burn("6h", "30m", BurnWindows.slowFactor),
                forSeconds: holdSeconds, severity: "warning", rule: "burn_rate",
                summary: "{{ $labels.target }} burns its \(percent(thresholds.sloTarget)) SLO error budget "
                    + "\(number(BurnWindows.slowFactor))x too fast over 6h and 30m (probe {{ $labels.probe }})"),
            AlertingRule(
                alert: "QuantwatchAccuracyDrop",
                expr: quality("accuracy_delta_points", "< \(number(-thresholds.accuracyDropWarning))", 1),
                forSeconds: holdSeconds, severity: "warning", rule: "accuracy_drop",
                summary: "{{ $labels.target }} {{ $labels.category }} accuracy {{ $value }} pts vs its baseline "
                    + "(drop > \(number(thresholds.accuracyDropWarning)) pts, significant): caution"),
            AlertingRule(
                alert: "QuantwatchAccuracyDrop",
                expr: quality("accuracy_delta_points", "< \(number(-thresholds.accuracyDropCritical))", 2),
                forSeconds: holdSeconds, severity: "critical", rule: "accuracy_drop",
                summary: "{{ $labels.target }} {{ $labels.category }} accuracy {{ $value }} pts vs its baseline "
                    + "(drop > \(number(thresholds.accuracyDropCritical)) pts, significant): do not deploy"),
            AlertingRule(
                alert: "QuantwatchAgreementLow",
                expr: quality("answer_agreement", "< \(number(thresholds.agreementFloor))", 1, category: "all"),
                forSeconds: holdSeconds, severity: "warning", rule: "agreement",
                summary: "{{ $labels.target }} answer agreement {{ $value | humanizePercentage }} with its baseline "
                    + "(< \(percent(thresholds.agreementFloor)) floor)"),
            AlertingRule(
                alert: "QuantwatchTargetDown",
                expr: "quantwatch_consecutive_failures{\(selector)} >= \(thresholds.downAfterFailures)",
                forSeconds: 0, severity: "critical", rule: "down",
                summary: "{{ $labels.target }} failed {{ $value }} probes in a row from probe {{ $labels.probe }}"),
            AlertingRule(
                alert: "QuantwatchBaselineDrift",
                expr: "quantwatch_rule_state{\(selector),rule=\"baseline_drift\"} == 1", forSeconds: 0,
                severity: "warning", rule: "baseline_drift",
                summary: "{{ $labels.target }} answers drifted from its recorded baseline beyond the noise floor"),
            AlertingRule(
                alert: "QuantwatchBaselineDrift",
                expr: "quantwatch_rule_state{\(selector),rule=\"baseline_drift\"} == 2", forSeconds: 0,
                severity: "critical", rule: "baseline_drift",
                summary: "{{ $labels.target }} serves another model than its recorded baseline (id/path/digest)"),
        ]
    }

    // MARK: - Text

    /// A PromQL string literal.
    static func promQLString(_ text: String) -> String {
        "\"" + text.replacingOccurrences("\\", "\\\\").replacingOccurrences("\"", "\\\"") + "\""
    }

    /// A target id as an RE2 literal.
    static func regexEscaped(_ id: String) -> String {
        var out = ""
        for character in id {
            if "\\.+*?()|[]{}^$".contains(character) { out.append("\\") }
            out.append(character)
        }
        return out
    }

    /// Shortest decimal that reads back as the value (0.1, not 0.1000000000000000055).
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        let rounded = (value * 1e9).rounded() / 1e9
        return "\(rounded)"
    }

    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    static func percent(_ share: Double) -> String { number(share * 100) + "%" }

    static func milliseconds(_ value: Double) -> String { number(value) + " ms" }
}

extension String {
    /// The figure name of a gauge in `quantwatch_severity{figure=...}` (`accuracy_delta_points` -> `accuracy_delta`).
    fileprivate var replacingPoints: String {
        hasSuffix("_points") ? String(dropLast("_points".count)) : self
    }

    /// Every occurrence of `target` replaced (no Foundation needed).
    fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
