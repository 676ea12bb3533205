import QuantWatchDomain

/// The handful of instant queries one `top` refresh makes, whatever the fleet's size: every recorded series (the
/// quantiles and ratios `quantwatch rules` pre-computes), the quality and alert gauges, and which probe/target rows
/// exist (seen in the last 10 minutes) and which are live (their probe answered the latest scrape).
public struct PromQLQueries: Sendable, Equatable {
    /// Label matchers from `--match` (`region="eu"`) and `--probe`, added to every selector of raw series.
    public var matchers: [String]

    /// `match` as given on the command line: `{region="eu",env!="dev"}` or without the braces.
    public init(match: String?, probe: String?) {
        var matchers: [String] = []
        if var match = match?.trimmingSpaces(), !match.isEmpty {
            if match.hasPrefix("{"), match.hasSuffix("}") { match = String(match.dropFirst().dropLast()) }
            if !match.trimmingSpaces().isEmpty { matchers.append(match.trimmingSpaces()) }
        }
        if let probe { matchers.append("probe=\(PrometheusRules.promQLString(probe))") }
        self.matchers = matchers
    }

    /// The labels that identify a row.
    static let rowLabels = RecordedSeries.Level.probeTarget.by

    /// Gauges the dashboard reads besides the recorded series.
    static let gaugeNames = [
        "alert_state", "rule_state", "consecutive_failures", "accuracy", "accuracy_answers", "accuracy_delta_points",
        "answer_agreement", "top1_agreement", "kld", "quality_pairs", "severity",
    ]

    private func selector(_ first: String?) -> String {
        "{" + ([first].compactMap { $0 } + matchers).joined(separator: ",") + "}"
    }

    /// Both levels of recorded series; rows outside `--match` are dropped by the builder (recorded series keep
    /// only the row labels, so the matchers cannot go here).
    public var recorded: String { "{__name__=~\"(probe_target|target):quantwatch_.+\"}" }

    public var gauges: String {
        selector("__name__=~\"quantwatch_(\(Self.gaugeNames.joined(separator: "|")))\"")
    }

    /// Rows seen in the last 10 minutes: a probe that stopped stays listed (stale) that long.
    public var known: String {
        "count by (\(Self.rowLabels)) (last_over_time(quantwatch_retries_total\(selector(nil))[10m]))"
    }

    /// Rows whose probe answered the latest scrape: a failed scrape marks its series stale at once.
    public var live: String {
        "count by (\(Self.rowLabels)) (quantwatch_retries_total\(selector(nil)))"
    }

    /// In the order `PrometheusSnapshotBuilder.build` takes them.
    public var all: [String] { [recorded, gauges, known, live] }
}
