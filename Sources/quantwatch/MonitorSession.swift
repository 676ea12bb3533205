import ArgumentParser
import Foundation
import Logging
import QuantWatchBackends
import QuantWatchDomain
import QuantWatchTerminal
import ServiceLifecycle
import Synchronization

/// Runs a monitor and its consumers as one `ServiceGroup`: headless (JSON lines) or behind the dashboard.
///
/// The monitor is the group's last service, so it is stopped first (SIGTERM or SIGINT headless, the user
/// quitting, or `duration` ending) and ends every subscription; each consumer then drains its buffer and closes
/// before the group ends, so every result that was printed is also stored.
struct MonitorSession {
    let monitor: MonitorActor
    let config: FleetConfig
    let outputs: AttachedOutputs

    func run(
        headless: Bool, duration: Duration?, summaryEvery: Duration, dashboard: DashboardOptions, probe: String? = nil
    ) async throws {
        var services = outputs.services(for: monitor, config: config)
        let exit = DashboardOutcome()
        if headless {
            services.append(
                .init(
                    service: HeadlessWriter.service(for: monitor, summaryEvery: summaryEvery, probe: probe),
                    successTerminationBehavior: .ignore))
        } else {
            let app = try dashboard.app(
                monitor.snapshots, keys: config.keys, configPath: config.path)
            services.append(
                .init(
                    service: DashboardService(app: app, exit: exit),
                    successTerminationBehavior: .gracefullyShutdownGroup))
        }
        services.append(
            .init(
                service: MonitorService(monitor, duration: duration),
                successTerminationBehavior: .gracefullyShutdownGroup))
        // Headless, the group turns SIGTERM and SIGINT into a graceful shutdown; the dashboard handles its own
        // signals (it must restore the terminal first) and ends the group by returning.
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services, gracefulShutdownSignals: headless ? [.sigterm, .sigint] : [],
                logger: Logger(label: "quantwatch.services", factory: { _ in SwiftLogNoOpLogHandler() })))
        try await group.run()
        if case .signal(let number) = exit.value { throw ExitCode(128 + number) }
    }
}

/// The dashboard as the screen's consumer: it ends the group when the user quits or a signal arrives, and ends
/// with the snapshots (`--duration`).
private struct DashboardService: Service, CustomStringConvertible {
    let app: DashboardApp
    let exit: DashboardOutcome

    var description: String { "dashboard" }

    func run() async throws {
        let ended = try await app.run()
        exit.value = ended
        // The monitor stopped and is shutting the group down; returning before being asked would count as a
        // failure there.
        if ended == .streamEnded { try? await gracefulShutdown() }
    }
}

/// How the dashboard ended, read once the group is done.
private final class DashboardOutcome: Sendable {
    private let exit = Mutex<DashboardApp.Exit?>(nil)

    var value: DashboardApp.Exit? {
        get { exit.withLock { $0 } }
        set { exit.withLock { $0 = newValue } }
    }
}
