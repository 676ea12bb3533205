import Foundation
import QuantWatchDomain
import Testing

@testable import QuantWatchExport

/// `top`'s picture from query answers shaped like Prometheus's: a row per probe and target plus an aggregate,
/// figures from the recorded series, stale rows for a probe that stopped, events for rule changes and failures.
struct PrometheusSnapshotBuilderTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func row(_ probe: String?, _ extra: [String: String] = [:], name: String? = nil) -> [String: String] {
        var labels = ["target": "llama-q4km", "backend": "llamacpp", "model": "llama", "quant": "Q4_K_M"]
        if let probe { labels["probe"] = probe }
        if let name { labels["__name__"] = name }
        return labels.merging(extra) { _, new in new }
    }

    static func sample(_ probe: String?, _ name: String, _ value: Double, _ extra: [String: String] = [:])
        -> PromQLSample
    {
        PromQLSample(labels: row(probe, extra, name: name), value: value)
    }

    static func answers() -> (recorded: [PromQLSample], gauges: [PromQLSample], known: [PromQLSample]) {
        let recorded = [
            sample("eu-1", RecordedSeries.quantile(.probeTarget, "e2e", "p50", "5m"), 0.2),
            sample("eu-1", RecordedSeries.quantile(.probeTarget, "e2e", "p95", "5m"), 0.8),
            sample("eu-1", RecordedSeries.quantile(.probeTarget, "e2e", "p99", "5m"), 1.2),
            sample("eu-1", RecordedSeries.requestRate(.probeTarget, "5m"), 0.5),
            sample("eu-1", RecordedSeries.errorClassIncrease(.probeTarget, "5m"), 15, ["error_class": "timeout"]),
            sample("eu-1", RecordedSeries.errorRatio(.probeTarget, "5m"), 0.1),
            sample("us-1", RecordedSeries.quantile(.probeTarget, "e2e", "p50", "5m"), 0.3),
            sample(nil, RecordedSeries.quantile(.target, "e2e", "p50", "5m"), 0.25),
            sample(nil, RecordedSeries.quantile(.target, "e2e", "p99", "5m"), 1.1),
            sample(nil, RecordedSeries.requestRate(.target, "5m"), 1.0),
            sample("eu-1", "probe_target:something_else:x", 7),
        ]
        let gauges = [
            sample("eu-1", "quantwatch_alert_state", 1),
            sample("us-1", "quantwatch_alert_state", 0),
            sample("eu-1", "quantwatch_rule_state", 1, ["rule": "error_rate"]),
            sample("eu-1", "quantwatch_accuracy", 0.9, ["category": "all"]),
            sample("eu-1", "quantwatch_accuracy_answers", 50, ["category": "all"]),
            sample("eu-1", "quantwatch_accuracy_delta_points", -4, ["category": "all"]),
            sample("eu-1", "quantwatch_severity", 1, ["category": "all", "figure": "accuracy_delta"]),
            sample("eu-1", "quantwatch_severity", 2, ["window": "5m", "figure": "error_rate"]),
        ]
        let known = [sample("eu-1", "", 3), sample("us-1", "", 3)].map { sample in
            var sample = sample
            sample.labels["__name__"] = nil
            return sample
        }
        return (recorded, gauges, known)
    }

    @Test func everyProbeGetsARowAndEachTargetAnAggregate() throws {
        var builder = PrometheusSnapshotBuilder(startedAt: Self.now)
        let (recorded, gauges, known) = Self.answers()
        let snapshot = builder.build(recorded: recorded, gauges: gauges, known: known, live: known, at: Self.now)
        #expect(snapshot.targets.map(\.id) == ["llama-q4km", "llama-q4km@eu-1", "llama-q4km@us-1"])
        let eu = try #require(snapshot.targets.first { $0.id == "llama-q4km@eu-1" })
        #expect(eu.probe == "eu-1")
        #expect(!eu.stale)
        let five = eu.stats(.fiveMinutes)
        #expect(five.e2e.p99 == 1200)
        #expect(five.e2e.p50 == 200)
        #expect(five.requests == 150)
        #expect(five.errors == [.timeout: 15])
        #expect(five.e2e.count == 135)
        #expect(five.errorSeverity == .critical)
        #expect(eu.state == .warning)
        #expect(eu.ruleStates[.errorRate] == .warning)
        #expect(eu.overall.accuracy.total == 50)
        #expect(eu.overall.accuracy.correct == 45)
        #expect(eu.overall.deltaPoints == -4)
        #expect(eu.overall.deltaSeverity == .warning)
        let aggregate = try #require(snapshot.targets.first { $0.id == "llama-q4km" })
        #expect(aggregate.probe == nil)
        #expect(aggregate.stats(.fiveMinutes).e2e.p99 == 1100)
        #expect(aggregate.state == .warning, "the worst of its probes")
        #expect(aggregate.overall.deltaPoints == -4)
        #expect(snapshot.events.map(\.rule) == ["error_rate"], "a rule seen firing is logged, once")
        let again = builder.build(recorded: recorded, gauges: gauges, known: known, live: known, at: Self.now)
        #expect(again.events.count == 1)
    }

    @Test func aProbeThatStoppedIsStaleAndItsRuleChangesAreLogged() throws {
        var builder = PrometheusSnapshotBuilder(startedAt: Self.now)
        let (recorded, gauges, known) = Self.answers()
        _ = builder.build(recorded: recorded, gauges: [], known: known, live: known, at: Self.now)
        let live = known.filter { $0["probe"] == "us-1" }
        let later = Self.now.addingTimeInterval(15)
        let snapshot = builder.build(recorded: recorded, gauges: gauges, known: known, live: live, at: later)
        #expect(snapshot.targets.first { $0.id == "llama-q4km@eu-1" }?.stale == true)
        #expect(snapshot.targets.first { $0.id == "llama-q4km@us-1" }?.stale == false)
        #expect(snapshot.targets.first { $0.id == "llama-q4km" }?.stale == false, "one probe still sees it")
        let allGone = builder.build(recorded: [], gauges: [], known: known, live: [], at: later)
        #expect(allGone.targets.allSatisfy { $0.stale })
    }

    @Test func ruleChangesBecomeEvents() {
        var builder = PrometheusSnapshotBuilder(startedAt: Self.now)
        let (_, gauges, known) = Self.answers()
        let ok = [Self.sample("eu-1", "quantwatch_rule_state", 0, ["rule": "error_rate"])]
        _ = builder.build(recorded: [], gauges: ok, known: known, live: known, at: Self.now)
        let snapshot = builder.build(recorded: [], gauges: gauges, known: known, live: known, at: Self.now)
        let events = snapshot.events.filter { $0.targetID != "prometheus" }
        #expect(events.map(\.targetID) == ["llama-q4km@eu-1"])
        #expect(events.first?.rule == "error_rate")
        #expect(events.first?.to == .warning)
        #expect(snapshot.events.contains { $0.rule == "recording_rules" }, "no recorded series: say how to fix it")
    }

    @Test func aFailedRefreshKeepsThePictureDimmedAndSaysWhy() {
        var builder = PrometheusSnapshotBuilder(startedAt: Self.now)
        let (recorded, gauges, known) = Self.answers()
        let good = builder.build(recorded: recorded, gauges: gauges, known: known, live: known, at: Self.now)
        let failed = builder.failed(
            .http(status: 401, url: "https://prom.example", body: "unauthorized"), previous: good, at: Self.now)
        #expect(failed.targets.count == good.targets.count)
        #expect(failed.targets.allSatisfy { $0.stale })
        let message = failed.events.last?.message ?? ""
        #expect(message.contains("HTTP 401"))
        #expect(message.contains("bearer token"))
    }

    @Test func badAnswersAreClearErrors() {
        let notJSON = Data("<html>502 Bad Gateway</html>".utf8)
        #expect(throws: PromQLError.self) { try PromQLResponse.samples(from: notJSON, query: "up") }
        let rejected = Data(#"{"status":"error","errorType":"bad_data","error":"parse error at char 3"}"#.utf8)
        #expect(throws: PromQLError.api(query: "up{", type: "bad_data", message: "parse error at char 3")) {
            try PromQLResponse.samples(from: rejected, query: "up{")
        }
        let matrix = Data(#"{"status":"success","data":{"resultType":"matrix","result":[]}}"#.utf8)
        #expect(throws: PromQLError.malformed(query: "up[5m]", detail: "expected a vector, got matrix")) {
            try PromQLResponse.samples(from: matrix, query: "up[5m]")
        }
        let vector =
            Data(
                #"{"status":"success","data":{"resultType":"vector","result":[{"metric":{"job":"q"},"value":[1.5,"NaN"]},"#
                    .utf8) + Data(#"{"metric":{},"value":[1.5,"0.25"]}]}}"#.utf8)
        let samples = try? PromQLResponse.samples(from: vector, query: "x")
        #expect(samples?.count == 2)
        #expect(samples?.last?.value == 0.25)
        #expect(samples?.first?.value.isNaN == true)
    }

    @Test func matchersGoIntoEverySelectorOfRawSeries() {
        let queries = PromQLQueries(match: #"{region="eu"}"#, probe: "eu-1")
        #expect(queries.matchers == [#"region="eu""#, #"probe="eu-1""#])
        #expect(queries.gauges.contains(#",region="eu",probe="eu-1"}"#))
        #expect(
            queries.live
                == #"count by (probe, target, backend, model, quant) (quantwatch_retries_total{region="eu",probe="eu-1"})"#
        )
        #expect(queries.all.count == 4)
        #expect(PromQLQueries(match: nil, probe: nil).known.contains("quantwatch_retries_total{}[10m]"))
    }
}
