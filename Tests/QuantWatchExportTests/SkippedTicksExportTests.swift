import Foundation
@testable import QuantWatchDomain
@testable import QuantWatchExport
import QuantWatchTestSupport
import Testing

/// Skipped ticks reach the snapshot, the JSON snapshot line and /metrics.
struct SkippedTicksExportTests {
    private let config = MonitorFixtures.fleet(["a", "b"])

    @Test func aggregatorCountsSkippedTicksPerTargetCumulatively() {
        var aggregator = Aggregator(config: config)
        aggregator.noteSkipped(targetID: "a", count: 3)
        aggregator.noteSkipped(targetID: "a", count: 2)
        aggregator.noteSkipped(targetID: "unknown", count: 9)
        aggregator.noteSkipped(targetID: "b", count: 0)
        let snapshot = aggregator.snapshot(at: Date(), startedAt: Date(), paused: false, inFlight: 0)
        #expect(snapshot.targets.map(\.skippedTicks) == [5, 0])
    }

    @Test func snapshotLineCarriesSkippedTicks() throws {
        var target = TargetSnapshot(id: "a", backend: .openai, model: "m", quant: "Q4_0")
        target.skippedTicks = 7
        let record = SnapshotRecord(Snapshot(takenAt: Date(), startedAt: Date(), targets: [target]))
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(record)) as? [String: Any]
        let targets = try #require(json?["targets"] as? [[String: Any]])
        #expect(targets.first?["skipped_ticks"] as? Int == 7)
    }

    @Test func metricsCounterFollowsTheRunningTotalFromZero() {
        let exporter = MetricsExporter()
        var target = TargetSnapshot(id: "a", backend: .openai, model: "m", quant: "Q4_0")
        let series = #"quantwatch_probe_skipped_ticks_total{target="a",backend="openai",model="m",quant="Q4_0"}"#
        func value() -> String? {
            exporter.render().split(separator: "\n").first { $0.hasPrefix(series + " ") }.map {
                String($0.dropFirst(series.count + 1))
            }
        }
        exporter.update(Snapshot(takenAt: Date(), startedAt: Date(), targets: [target]))
        #expect(value() == "0")
        target.skippedTicks = 4
        exporter.update(Snapshot(takenAt: Date(), startedAt: Date(), targets: [target]))
        exporter.update(Snapshot(takenAt: Date(), startedAt: Date(), targets: [target]))
        #expect(value() == "4")
        target.skippedTicks = 6
        exporter.update(Snapshot(takenAt: Date(), startedAt: Date(), targets: [target]))
        #expect(value() == "6")
        #expect(exporter.render().contains("# TYPE quantwatch_probe_skipped_ticks_total counter"))
    }
}
