import ArgumentParser
import QuantWatchBackends
import QuantWatchDomain

/// Runs a monitor either headless (JSON lines) or behind the dashboard, and stops it afterwards.
struct MonitorSession {
    let monitor: MonitorActor
    let config: FleetConfig

    func run(headless: Bool, duration: Duration?, summaryEvery: Duration, dashboard: DashboardOptions) async throws {
        if headless {
            await HeadlessRun(monitor: monitor, duration: duration, summaryEvery: summaryEvery).run()
            return
        }
        let monitor = self.monitor
        let probing = Task { await monitor.run() }
        let deadline: Task<Void, Never>? = duration.map { duration in
            Task {
                try? await Task.sleep(for: duration)
                probing.cancel()
            }
        }
        defer {
            probing.cancel()
            deadline?.cancel()
        }
        try await dashboard.show(monitor.snapshots, keys: config.keys, configPath: config.path)
    }
}
