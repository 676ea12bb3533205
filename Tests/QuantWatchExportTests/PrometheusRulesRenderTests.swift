import QuantWatchDomain
import Testing

@testable import QuantWatchExport

/// The rule file's shape: one alert group per set of thresholds, targets selected by an escaped regex, `for:` from
/// the hysteresis, thresholds in the expressions, and recording rules for every window `top` reads.
struct PrometheusRulesRenderTests {
    static func target(_ id: String, alerts: AlertThresholds = AlertThresholds()) -> TargetConfig {
        TargetConfig(id: id, backend: .llamacpp, url: "http://127.0.0.1:1", interval: .seconds(15), alerts: alerts)
    }

    @Test func targetsWithTheSameThresholdsShareAGroup() {
        var strict = AlertThresholds()
        strict.p99Milliseconds = 500
        let config = FleetConfig(
            path: "/x/fleet.yaml",
            targets: [Self.target("a.1"), Self.target("b"), Self.target("c", alerts: strict)], suites: [:])
        let groups = PrometheusRules.thresholdGroups(config)
        #expect(groups.map(\.ids) == [["a.1", "b"], ["c"]])
        #expect(groups.map(\.holdSeconds) == [30, 30])
        let text = PrometheusRules.render(config)
        #expect(text.contains("- name: quantwatch_alerts_1\n"))
        #expect(text.contains("- name: quantwatch_alerts_2\n"))
        #expect(text.contains(#"probe_target:quantwatch_e2e_seconds:p99_5m{target=~"a\\.1|b"} > 1.5'"#))
        #expect(text.contains(#"probe_target:quantwatch_e2e_seconds:p99_5m{target=~"c"} > 0.5'"#))
        #expect(text.contains("for: 30s"))
        #expect(text.hasPrefix("# Written by `quantwatch rules` from fleet.yaml;"))
    }

    @Test func burnRateUsesTheErrorBudgetOfTheSLO() {
        var thresholds = AlertThresholds()
        thresholds.sloTarget = 0.999
        let rules = PrometheusRules.alertingRules(thresholds, targets: ["t"], holdSeconds: 30)
        let burn = rules.filter { $0.alert == "QuantwatchErrorBudgetBurn" }
        #expect(burn.map(\.severity) == ["critical", "warning"])
        #expect(burn[0].expr.contains("ratio1h{target=~\"t\"} > 0.0144"))
        #expect(burn[0].expr.contains("ratio5m{target=~\"t\"} > 0.0144"))
        #expect(burn[1].expr.contains("ratio6h{target=~\"t\"} > 0.006"))
        #expect(Set(rules.map(\.rule)) == Set(AlertRule.allCases.map(\.rawValue)))
    }

    @Test func everyWindowHasItsQuantilesAndRatiosAtBothLevels() {
        for level in RecordedSeries.Level.allCases {
            let records = Set(RecordedSeries.rules(level).map(\.record))
            for window in RecordedSeries.windows {
                #expect(records.contains(RecordedSeries.quantile(level, "e2e", "p99", window)))
                #expect(records.contains(RecordedSeries.quantile(level, "ttft", "p95", window)))
                #expect(records.contains(RecordedSeries.errorRatio(level, window)))
                #expect(records.contains(RecordedSeries.requestRate(level, window)))
            }
            #expect(records.contains(RecordedSeries.errorRatio(level, "6h")))
        }
    }

    @Test func stringsAndNumbersAreWrittenSafely() {
        #expect(PrometheusRules.promQLString(#"a"b\c"#) == #""a\"b\\c""#)
        #expect(PrometheusRules.regexEscaped("q4.k(m)") == #"q4\.k\(m\)"#)
        #expect(PrometheusRules.number(0.06) == "0.06")
        #expect(PrometheusRules.number(2) == "2")
        #expect(RuleFileWriter.quoted("it's") == "'it''s'")
    }
}
