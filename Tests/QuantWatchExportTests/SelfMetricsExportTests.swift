import Foundation
import QuantWatchTestSupport
import Testing

import QuantWatchBackends
@testable import QuantWatchDomain
@testable import QuantWatchExport

/// The monitor's own figures (snapshot build time, probe start lag) ride on each snapshot and reach /metrics as
/// `quantwatch_self_*`: what `scripts/soak.sh` samples to see a monitor slowing down over hours.
struct SelfMetricsExportTests {
    @Test func snapshotsCarryRunningTotalsOfTheMonitorsOwnWork() async throws {
        let config = MonitorFixtures.fleet(["a", "b"], interval: .milliseconds(20))
        let backends: [String: any Backend] = ["a": ScriptedBackend.instant("4"), "b": ScriptedBackend.instant("4")]
        let monitor = MonitorActor(config: config, backends: backends, snapshotInterval: .milliseconds(10))
        let first = await monitor.currentSnapshot()
        #expect(first.health == MonitorHealth())
        let task = Task { await monitor.run() }
        var later = first
        for _ in 0..<500 where later.health.probeStarts < 10 || later.health.snapshots < 5 {
            try await Task.sleep(for: .milliseconds(20))
            later = await monitor.currentSnapshot()
        }
        task.cancel()
        await task.value
        #expect(later.health.probeStarts >= 10)
        #expect(later.health.snapshots >= 5)
        #expect(later.health.snapshotSeconds > 0)
        #expect(later.health.lastSnapshotSeconds <= later.health.snapshotSeconds)
        #expect(later.health.maxScheduleLagSeconds <= later.health.scheduleLagSeconds)
    }

    @Test func countersFollowTheTotalsAndGaugesTheLatestFigures() {
        let exporter = MetricsExporter()
        func value(_ series: String) -> String? {
            exporter.render().split(separator: "\n").first { $0.hasPrefix(series + " ") }.map {
                String($0.dropFirst(series.count + 1))
            }
        }
        var snapshot = Snapshot(takenAt: Date(), startedAt: Date())
        exporter.update(snapshot)
        #expect(value("quantwatch_self_snapshots_total") == "0")
        #expect(value("quantwatch_self_probe_starts_total") == "0")
        snapshot.health.noteSnapshot(took: .milliseconds(4))
        snapshot.health.noteSnapshot(took: .milliseconds(2))
        snapshot.health.noteStart(late: .milliseconds(30))
        snapshot.health.noteStart(late: .milliseconds(-5))
        exporter.update(snapshot)
        exporter.update(snapshot)
        #expect(value("quantwatch_self_snapshots_total") == "2")
        #expect(
            value("quantwatch_self_snapshot_build_seconds_total").flatMap(Double.init).map { abs($0 - 0.006) < 1e-9 }
                == true)
        #expect(value("quantwatch_self_last_snapshot_build_seconds").flatMap(Double.init) == 0.002)
        #expect(value("quantwatch_self_probe_starts_total") == "2")
        // An early start counts as on time, not as negative lag.
        #expect(
            value("quantwatch_self_schedule_lag_seconds_total").flatMap(Double.init).map { abs($0 - 0.03) < 1e-9 }
                == true)
        #expect(value("quantwatch_self_max_schedule_lag_seconds").flatMap(Double.init) == 0.03)
        #expect(exporter.render().contains("# TYPE quantwatch_self_snapshots_total counter"))
        #expect(exporter.render().contains("# TYPE quantwatch_self_last_snapshot_build_seconds gauge"))
    }
}
