import QuantWatchDomain

/// Names and expressions of the recording rules `quantwatch rules` writes, which `quantwatch top` reads: the
/// quantiles, rates and error ratios of every probe's series, per window, pre-computed so a refresh is a few
/// cheap selects even on a Prometheus holding thousands of targets.
///
/// Two levels: `probe_target:` keeps the probe label (one row per vantage point), `target:` sums the probes.
public enum RecordedSeries {
    /// How far the recorded series are aggregated.
    public enum Level: String, Sendable, CaseIterable {
        /// One series per probe and target.
        case probeTarget = "probe_target"
        /// One series per target, summed over the probes that watch it.
        case target

        /// The labels each recorded series keeps (the identity of a row).
        public var labels: [String] {
            switch self {
            case .probeTarget: ["probe", "target", "backend", "model", "quant"]
            case .target: ["target", "backend", "model", "quant"]
            }
        }

        var by: String { labels.joined(separator: ", ") }
    }

    /// Latency families with a histogram (`quantwatch_<name>_seconds_bucket`).
    public static let latencies = ["e2e", "ttft", "tpot"]
    /// Quantiles recorded for each latency family, by name.
    public static let quantiles: [(name: String, value: Double)] = [("p50", 0.5), ("p95", 0.95), ("p99", 0.99)]
    /// The dashboard's windows, and the two more the burn-rate alert needs (30m, 6h: error ratio only).
    public static let windows = ["1m", "5m", "15m", "1h"]
    public static let burnOnlyWindows = ["30m", "6h"]

    /// A quantile of a latency family over a window, e.g. `probe_target:quantwatch_e2e_seconds:p99_5m`.
    public static func quantile(_ level: Level, _ family: String, _ quantile: String, _ window: String) -> String {
        "\(level.rawValue):quantwatch_\(family)_seconds:\(quantile)_\(window)"
    }

    /// Probes finished per second over the window (successes and failures).
    public static func requestRate(_ level: Level, _ window: String) -> String {
        "\(level.rawValue):quantwatch_requests:rate\(window)"
    }

    /// Failed probes over the window (an increase, for the alerts' minimum count of failures).
    public static func errorIncrease(_ level: Level, _ window: String) -> String {
        "\(level.rawValue):quantwatch_request_errors:increase\(window)"
    }

    /// Failed probes over the window by error class (the detail view's error classes).
    public static func errorClassIncrease(_ level: Level, _ window: String) -> String {
        "\(level.rawValue):quantwatch_request_errors_by_class:increase\(window)"
    }

    /// Failed / finished probes over the window (0 with probes and no failure).
    public static func errorRatio(_ level: Level, _ window: String) -> String {
        "\(level.rawValue):quantwatch_request_error_ratio:ratio\(window)"
    }

    /// Output tokens per second over the window.
    public static func tokenRate(_ level: Level, _ window: String) -> String {
        "\(level.rawValue):quantwatch_output_tokens:rate\(window)"
    }

    /// Every recording rule of one level: (record, expr), in a stable order.
    public static func rules(_ level: Level) -> [(record: String, expr: String)] {
        var rules: [(String, String)] = []
        let by = level.by
        for window in windows {
            for family in latencies {
                for (name, value) in quantiles {
                    rules.append(
                        (
                            quantile(level, family, name, window),
                            "histogram_quantile(\(value), sum by (\(by), le) "
                                + "(rate(quantwatch_\(family)_seconds_bucket[\(window)])))"
                        ))
                }
            }
            rules.append((requestRate(level, window), "sum by (\(by)) (rate(quantwatch_requests_total[\(window)]))"))
            rules.append(
                (tokenRate(level, window), "sum by (\(by)) (rate(quantwatch_output_tokens_total[\(window)]))"))
            rules.append(
                (
                    errorClassIncrease(level, window),
                    "sum by (\(by), error_class) "
                        + "(increase(quantwatch_requests_total{outcome=\"error\"}[\(window)]))"
                ))
        }
        for window in windows + burnOnlyWindows {
            // A target without a failure has no error series: `or` fills in 0 from its probes.
            let all = "sum by (\(by)) (increase(quantwatch_requests_total[\(window)]))"
            let errors =
                "sum by (\(by)) (increase(quantwatch_requests_total{outcome=\"error\"}[\(window)])) or 0 * \(all)"
            rules.append((errorIncrease(level, window), errors))
            rules.append((errorRatio(level, window), "(\(errors)) / \(all) > -1"))
        }
        return rules
    }
}
