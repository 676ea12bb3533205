import ArgumentParser
import QuantWatchCore

/// `quantwatch run`: watch a fleet live, on the dashboard or as JSON lines (`--headless`).
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Watch a fleet: the live dashboard, or JSON lines with --headless."
    )

    @OptionGroup var options: ConfigOptions

    @Flag(help: "Print JSON lines (results, alert events, periodic summaries) instead of the dashboard.")
    var headless = false

    @Option(help: "Stop after this long, e.g. 30s, 5m (default: until interrupted).")
    var duration: String?

    @Option(name: .customLong("summary-every"), help: "Interval of the snapshot summary lines in headless mode.")
    var summaryEvery = "5s"

    @OptionGroup var dashboard: DashboardOptions

    @OptionGroup var outputs: OutputOptions

    func run() async throws {
        let config = try options.load()
        let limit = try DurationOption.parse(duration, flag: "--duration")
        let every = try DurationOption.parse(summaryEvery, flag: "--summary-every") ?? .seconds(5)
        let runtime = FleetRuntime(config: config)
        let monitor = MonitorActor(config: config, backends: runtime.backends)
        let attached = try await outputs.attach(to: monitor, config: config)
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

/// Parses a duration flag (`500ms`, `15s`, `2m`) or fails with a usage error naming the flag.
enum DurationOption {
    static func parse(_ text: String?, flag: String) throws -> Duration? {
        guard let text else { return nil }
        guard let duration = DurationParser.parse(text), duration > .zero else {
            throw ValidationError("\(flag): '\(text)' is not a duration (expected e.g. 500ms, 15s, 2m, 1h)")
        }
        return duration
    }
}
