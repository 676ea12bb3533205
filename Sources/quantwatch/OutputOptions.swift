import ArgumentParser
import Foundation
import Logging
import QuantWatchBackends
import QuantWatchDomain
import QuantWatchExport
import QuantWatchStore

/// Where a running monitor's numbers go besides the screen: the SQLite store, Prometheus, alert delivery.
struct OutputOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "SQLite database of results and alert events.",
            discussion: "Default for run: one per fleet file under $XDG_STATE_HOME/quantwatch/ "
                + "(~/.local/state/quantwatch/); demo keeps none unless given one."))
    var db: String?

    @Flag(help: "Keep nothing on disk; start with empty windows.")
    var noDb = false

    @Option(help: "Serve Prometheus /metrics on HOST:PORT (loopback unless told otherwise), e.g. 127.0.0.1:9464.")
    var metricsAddr: String?

    @Option(help: "POST every alert transition as JSON to this URL (retried with backoff).")
    var webhook: String?

    @Option(
        name: .customLong("on-alert"),
        help: "Shell command run per alert transition, the event in QUANTWATCH_* variables.")
    var onAlert: String?

    /// Opens the store (restoring the last hour into the monitor), starts /metrics and delivery, and hooks them
    /// to the monitor.
    ///
    /// Returns what must be closed at the end.
    func attach(to monitor: MonitorActor, config: FleetConfig, defaultStore: DefaultStore) async throws
        -> AttachedOutputs
    {
        var outputs = AttachedOutputs()
        let logger = Logger(label: "quantwatch")
        if let path = storePath(config: config, defaultStore: defaultStore) {
            do {
                let store = try ResultStore(path: path)
                let restored = try await store.restore(since: Date().addingTimeInterval(-3600))
                let states = try await store.alertStates()
                await monitor.replay(restored.results, events: restored.events, alertStates: states)
                outputs.store = store
            } catch {
                StandardError.print("quantwatch: \(error)")
                throw ExitStatus.configError
            }
        }
        if let metricsAddr {
            let address: MetricsAddress
            do {
                address = try MetricsAddress(parsing: metricsAddr)
            } catch {
                throw ValidationError("--metrics-addr: \(error)")
            }
            let exporter = MetricsExporter()
            outputs.exporter = exporter
            let server = MetricsServer(address: address, exporter: exporter, logger: logger)
            outputs.metricsTask = Task {
                do {
                    try await server.run()
                } catch {
                    StandardError.print("quantwatch: /metrics on \(metricsAddr): \(error)")
                }
            }
        }
        if webhook != nil || onAlert != nil {
            do {
                outputs.delivery = try AlertDelivery(
                    configuration: AlertDeliveryConfiguration(webhookURL: webhook, onAlert: onAlert),
                    targets: config.targets, logger: logger)
            } catch {
                throw ValidationError("\(error)")
            }
        }
        let targets = Dictionary(config.targets.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let store = outputs.store
        let exporter = outputs.exporter
        let delivery = outputs.delivery
        await monitor.observe(
            MonitorObservers(
                result: { result in
                    if let store { Task { await store.append(result) } }
                    if let exporter, let target = targets[result.targetID] { exporter.record(result, target: target) }
                },
                event: { event in
                    if let store { Task { await store.append(event) } }
                    if let delivery { Task { await delivery.deliver(event) } }
                },
                snapshot: { snapshot in exporter?.update(snapshot) }))
        return outputs
    }
}

extension OutputOptions {
    /// Which database a command uses when `--db` is not given.
    enum DefaultStore {
        /// The fleet file's own database under the XDG state folder.
        case perFleet
        /// None: the demo's rows must never mix with a real fleet's, nor a second demo restore the first.
        case onlyWhenGiven
    }

    /// The database to open, or nil for none (`--no-db`, or the demo without `--db`).
    func storePath(config: FleetConfig, defaultStore: DefaultStore) -> String? {
        if noDb { return nil }
        if let db { return db }
        switch defaultStore {
        case .perFleet: return ResultStore.defaultPath(forFleet: config.path)
        case .onlyWhenGiven: return nil
        }
    }
}

/// The outputs a monitor feeds, closed once it stops.
struct AttachedOutputs {
    var store: ResultStore?
    var exporter: MetricsExporter?
    var metricsTask: Task<Void, Never>?
    var delivery: AlertDelivery?

    func close() async {
        await store?.close()
        await delivery?.close()
        metricsTask?.cancel()
    }
}
