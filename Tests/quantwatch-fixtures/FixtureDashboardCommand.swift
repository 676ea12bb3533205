import ArgumentParser
import QuantWatchTUI
import QuantWatchTestSupport

/// The real dashboard on a deterministic, animated fixture fleet (no network), for trying the
/// screen and for the end-to-end test.
struct FixtureDashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixture-dashboard",
        abstract: "Show the dashboard on a built-in fixture fleet (testing aid)."
    )

    @OptionGroup var dashboard: DashboardOptions

    @Option(help: "Targets in the fixture fleet.")
    var targets: Int = 6

    @Option(help: "Seconds between fixture snapshots.")
    var interval: Double = 1

    func validate() throws {
        guard (0...5000).contains(targets) else { throw ValidationError("--targets must be 0...5000") }
        guard interval > 0 else { throw ValidationError("--interval must be above 0 seconds") }
    }

    func run() async throws {
        let fleet = FixtureFleet(targetCount: targets)
        try await dashboard.show(
            fleet.stream(interval: .milliseconds(Int(interval * 1000)), firstTick: 100), keys: [:],
            configPath: "fixture")
    }
}
