import ArgumentParser
import QuantWatchBackends
import QuantWatchDomain

/// How `run` and `demo` watch a fleet: behind the dashboard or as JSON lines, for how long.
struct WatchOptions: ParsableArguments {
    @Flag(help: "Print JSON lines (results, alert events, periodic summaries) instead of the dashboard.")
    var headless = false

    @Option(help: "Stop after this long, e.g. 30s, 5m (default: until interrupted).")
    var duration: String?

    @Option(name: .customLong("summary-every"), help: "Interval of the snapshot summary lines in headless mode.")
    var summaryEvery = "5s"

    func validate() throws {
        _ = try DurationOption.parse(duration, flag: "--duration")
        _ = try DurationOption.parse(summaryEvery, flag: "--summary-every")
    }

    /// Probes `config` until the duration ends, the user quits or a signal arrives, with the outputs attached;
    /// every backend connection and output is closed whichever way it ends.
    func watch(
        _ config: FleetConfig, dashboard: DashboardOptions, outputs: OutputOptions,
        defaultStore: OutputOptions.DefaultStore
    ) async throws {
        let limit = try DurationOption.parse(duration, flag: "--duration")
        let every = try DurationOption.parse(summaryEvery, flag: "--summary-every") ?? .seconds(5)
        let runtime = FleetRuntime(config: config)
        let monitor = MonitorActor(
            config: config, backends: runtime.backends, scrapers: runtime.scrapers, identify: runtime.identify)
        let attached: AttachedOutputs
        do {
            attached = try await outputs.attach(to: monitor, config: config, defaultStore: defaultStore)
        } catch {
            await runtime.shutdown()
            throw error
        }
        do {
            try await MonitorSession(monitor: monitor, config: config).run(
                headless: headless, duration: limit, summaryEvery: every, dashboard: dashboard)
        } catch {
            await attached.close()
            await runtime.shutdown()
            throw error
        }
        await attached.close()
        await runtime.shutdown()
    }
}
