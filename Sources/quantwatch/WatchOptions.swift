import ArgumentParser
import Foundation
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

    @Option(
        help: ArgumentHelp(
            "Name of this probe (vantage point), on every /metrics series and JSON line (default: the host name).",
            discussion: "Run several probes against one fleet from different places, each with its own name; "
                + "`quantwatch top --prometheus URL` tells them apart."))
    var probe: String?

    @Option(
        help: ArgumentHelp(
            "Watch only targets whose id matches one of these comma-separated globs, e.g. 'eu-*,llama3-q?_*'.",
            discussion: "The live baselines of the chosen targets are watched too: their answers are the comparison."))
    var targets: String?

    /// The probe name: `--probe`, else the host name.
    var probeName: String {
        if let probe, !probe.isEmpty { return probe }
        let host = ProcessInfo.processInfo.hostName
        return host.isEmpty ? "localhost" : host
    }

    func validate() throws {
        if let probe, probe.isEmpty || probe.contains(where: \.isNewline) {
            throw ValidationError("--probe: expected a non-empty name on one line")
        }
        if let targets, TargetSelection(parsing: targets).patterns.isEmpty {
            throw ValidationError("--targets: expected one or more globs, e.g. 'eu-*'")
        }
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
        var config = config
        if let targets {
            do {
                config = try TargetSelection(parsing: targets).apply(to: config)
            } catch {
                throw ValidationError("\(error)")
            }
        }
        let probe = probeName
        let runtime = FleetRuntime(config: config)
        let monitor = MonitorActor(
            config: config, backends: runtime.backends, scrapers: runtime.scrapers, identify: runtime.identify)
        let attached: AttachedOutputs
        do {
            attached = try await outputs.attach(to: monitor, config: config, defaultStore: defaultStore, probe: probe)
        } catch {
            await runtime.shutdown()
            throw error
        }
        do {
            try await MonitorSession(monitor: monitor, config: config, outputs: attached).run(
                headless: headless, duration: limit, summaryEvery: every, dashboard: dashboard, probe: probe)
        } catch {
            await attached.close()
            await runtime.shutdown()
            throw error
        }
        await attached.close()
        await runtime.shutdown()
    }
}
