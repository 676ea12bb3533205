import QuantWatchDomain

/// What the queries of one refresh said about one row, before it becomes a `TargetSnapshot`.
struct PromQLRowFigures: Sendable {
    /// Per window: quantiles in seconds by family then name (`e2e` -> `p99`), rates, errors by class, the ratio.
    struct Window: Sendable {
        var quantiles: [String: [String: Double]] = [:]
        var requestRate: Double?
        var tokenRate: Double?
        var errorRatio: Double?
        var errorsByClass: [String: Double] = [:]
        var severities: [String: AlertState] = [:]
    }

    /// Quality gauges of one category.
    struct Quality: Sendable {
        var values: [String: Double] = [:]
        var severities: [String: AlertState] = [:]
    }

    var backend = ""
    var model = ""
    var quant = ""
    var windows: [MetricWindow: Window] = [:]
    var quality: [String: Quality] = [:]
    var alertState: AlertState = .unknown
    var ruleStates: [AlertRule: AlertState] = [:]
    var consecutiveFailures = 0
    var stale = false

    mutating func identify(_ sample: PromQLSample) {
        if backend.isEmpty { backend = sample["backend"] ?? "" }
        if model.isEmpty { model = sample["model"] ?? "" }
        if quant.isEmpty { quant = sample["quant"] ?? "" }
    }

    /// One gauge sample of this row.
    mutating func addGauge(_ sample: PromQLSample) {
        let family = String(sample.name.dropFirst("quantwatch_".count))
        let state = AlertState(rawValue: Int(sample.value.rounded())) ?? .unknown
        switch family {
        case "alert_state": alertState = state
        case "rule_state":
            if let rule = sample["rule"].flatMap(AlertRule.init(rawValue:)) { ruleStates[rule] = state }
        case "consecutive_failures": consecutiveFailures = Int(sample.value.rounded())
        case "severity":
            guard let figure = sample["figure"] else { return }
            if let category = sample["category"] {
                quality[category, default: Quality()].severities[figure] = state
            } else if let window = sample["window"].flatMap(MetricWindow.init(rawValue:)) {
                windows[window, default: Window()].severities[figure] = state
            }
        default:
            guard let category = sample["category"], sample.value.isFinite else { return }
            quality[category, default: Quality()].values[family] = sample.value
        }
    }
}
