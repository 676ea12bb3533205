import ArgumentParser
import QuantWatchCore

/// `quantwatch demo`: the whole product on an in-process simulated fleet, over real loopback HTTP.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "The dashboard on a built-in simulated fleet (FP16, Q8_0, Q4_K_M, Q4_0, a remote API) with an incident."
    )

    @Flag(help: "Print JSON lines instead of the dashboard.")
    var headless = false

    @Option(help: "Stop after this long, e.g. 30s, 5m (default: until interrupted).")
    var duration: String?

    @Option(name: .customLong("summary-every"), help: "Interval of the snapshot summary lines in headless mode.")
    var summaryEvery = "5s"

    @Option(help: "Seconds between probes of each target.")
    var interval = "2s"

    @Option(help: "Seed of the simulated models.")
    var seed: UInt64 = 42

    @OptionGroup var dashboard: DashboardOptions

    @OptionGroup var outputs: OutputOptions

    func run() async throws {
        let limit = try DurationOption.parse(duration, flag: "--duration")
        let every = try DurationOption.parse(summaryEvery, flag: "--summary-every") ?? .seconds(5)
        let probeInterval = try DurationOption.parse(interval, flag: "--interval") ?? .seconds(2)
        let demo = try await DemoFleet.start(seed: seed, interval: probeInterval)
        let runtime = FleetRuntime(config: demo.config)
        let monitor = MonitorActor(config: demo.config, backends: runtime.backends)
        let attached = try await outputs.attach(to: monitor, config: demo.config)
        do {
            try await MonitorSession(monitor: monitor, config: demo.config).run(
                headless: headless, duration: limit, summaryEvery: every, dashboard: dashboard)
        } catch {
            await attached.close()
            await runtime.shutdown()
            await demo.shutdown()
            throw error
        }
        await attached.close()
        await runtime.shutdown()
        await demo.shutdown()
    }
}
