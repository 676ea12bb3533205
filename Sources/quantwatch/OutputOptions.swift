import ArgumentParser
import Foundation
import Logging
import QuantWatchBackends
import QuantWatchDomain
import QuantWatchExport
import QuantWatchStore
import ServiceLifecycle

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

    /// Opens the store (restoring the last hour into the monitor) and prepares /metrics and delivery; they are
    /// fed by `AttachedOutputs.services(for:)`.
    ///
    /// Returns what must be run, then closed at the end.
    func attach(
        to monitor: MonitorActor, config: FleetConfig, defaultStore: DefaultStore, probe: String? = nil
    ) async throws -> AttachedOutputs {
        var outputs = AttachedOutputs()
        let logger = Logger(label: "quantwatch")
        if let path = storePath(config: config, defaultStore: defaultStore) {
            do {
                let store = try await ResultStore.open(path: path)
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
            let exporter = MetricsExporter(probe: probe)
            outputs.exporter = exporter
            outputs.metricsServer = MetricsServer(address: address, exporter: exporter, logger: logger)
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

/// The outputs a monitor feeds: each is a consumer with its own subscription, drained and closed once the
/// monitor stops.
struct AttachedOutputs {
    /// Most results and events a consumer may fall behind by before its overflow is dropped and counted.
    static let capacity = 10_000

    var store: ResultStore?
    var exporter: MetricsExporter?
    var metricsServer: MetricsServer?
    var delivery: AlertDelivery?

    /// The consumer services, in the order a `ServiceGroup` starts them (and stops them in reverse: the
    /// /metrics server last, so it answers until the end).
    func services(for monitor: MonitorActor, config: FleetConfig) -> [ServiceGroupConfiguration.ServiceConfiguration] {
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if let metricsServer {
            services.append(
                .init(
                    service: ReportingService(metricsServer, label: "/metrics on \(metricsServer.address)"),
                    successTerminationBehavior: .ignore))
        }
        if let store {
            let subscription = monitor.subscribe("store", to: [.results, .events], capacity: Self.capacity)
            let consumer = ConsumerService(subscription) { output in
                switch output {
                case .result(let result): await store.append(result)
                case .event(let event): await store.append(event)
                case .snapshot: break
                }
            } drained: {
                await store.close()
            }
            services.append(.init(service: consumer, successTerminationBehavior: .ignore))
        }
        if let exporter {
            let targets = Dictionary(config.targets.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let subscription = monitor.subscribe("metrics", to: [.results, .snapshots], capacity: Self.capacity)
            let consumer = ConsumerService(subscription) { output in
                switch output {
                case .result(let result):
                    if let target = targets[result.targetID] { exporter.record(result, target: target) }
                case .snapshot(let snapshot): exporter.update(snapshot)
                case .event: break
                }
            }
            services.append(.init(service: consumer, successTerminationBehavior: .ignore))
        }
        if let delivery {
            let subscription = monitor.subscribe("delivery", to: .events, capacity: Self.capacity)
            let consumer = ConsumerService(subscription) { output in
                if case .event(let event) = output { await delivery.deliver(event) }
            } drained: {
                await delivery.close()
            }
            services.append(.init(service: consumer, successTerminationBehavior: .ignore))
        }
        return services
    }

    /// Closes what the consumers did not (when the monitor never ran); closing twice is harmless.
    func close() async {
        await store?.close()
        await delivery?.close()
    }
}
