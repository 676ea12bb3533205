import Foundation
import QuantWatchBackends
import QuantWatchExport

/// Runs a monitor without a screen, printing JSON lines: each result, each alert transition and a periodic
/// fleet summary.
///
/// Stops after `duration`, on SIGINT or on SIGTERM, always with a final summary.
struct HeadlessRun {
    let monitor: MonitorActor
    let duration: Duration?
    let summaryEvery: Duration

    func run() async {
        let writer = LineWriter()
        let monitor = self.monitor
        let monitorTask = Task { await monitor.run() }
        let trap = SignalTrap { _ in monitorTask.cancel() }
        let deadline: Task<Void, Never>? = duration.map { duration in
            Task {
                try? await Task.sleep(for: duration)
                monitorTask.cancel()
            }
        }
        let summaryEvery = self.summaryEvery
        async let results: Void = {
            for await result in monitor.results { await writer.write(ResultRecord(result)) }
        }()
        async let events: Void = {
            for await event in monitor.events { await writer.write(EventRecord(event)) }
        }()
        async let summaries: Void = {
            let clock = ContinuousClock()
            var last = clock.now
            for await snapshot in monitor.snapshots where clock.now - last >= summaryEvery {
                last = clock.now
                await writer.write(SnapshotRecord(snapshot))
            }
        }()
        await monitorTask.value
        _ = await (results, events, summaries)
        deadline?.cancel()
        await writer.write(SnapshotRecord(await monitor.currentSnapshot()))
        withExtendedLifetime(trap) {}
    }
}
