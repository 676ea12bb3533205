import ArgumentParser
import QuantWatchSimulator

/// `quantwatch demo`: the whole product on an in-process simulated fleet, over real loopback HTTP.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract:
            "The dashboard on a built-in simulated fleet (FP16, Q8_0, Q4_K_M, Q4_0, a remote API) with an incident."
    )

    @OptionGroup var watch: WatchOptions

    @Option(help: "Seconds between probes of each target.")
    var interval = "2s"

    @Option(help: "Seed of the simulated models.")
    var seed: UInt64 = 42

    @OptionGroup var dashboard: DashboardOptions

    @OptionGroup var outputs: OutputOptions

    func validate() throws {
        _ = try DurationOption.parse(interval, flag: "--interval")
    }

    func run() async throws {
        let probeInterval = try DurationOption.parse(interval, flag: "--interval") ?? .seconds(2)
        let demo = try await DemoFleet.start(seed: seed, interval: probeInterval)
        do {
            try await watch.watch(demo.config, dashboard: dashboard, outputs: outputs, defaultStore: .onlyWhenGiven)
        } catch {
            await demo.shutdown()
            throw error
        }
        await demo.shutdown()
    }
}
