import ArgumentParser
import QuantWatchDomain

/// `quantwatch run`: watch a fleet live, on the dashboard or as JSON lines (`--headless`).
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Watch a fleet: the live dashboard, or JSON lines with --headless."
    )

    @OptionGroup var options: ConfigOptions

    @OptionGroup var watch: WatchOptions

    @OptionGroup var dashboard: DashboardOptions

    @OptionGroup var outputs: OutputOptions

    func run() async throws {
        try await watch.watch(try options.load(), dashboard: dashboard, outputs: outputs, defaultStore: .perFleet)
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
