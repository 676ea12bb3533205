import AsyncHTTPClient
import ArgumentParser
import Foundation
import QuantWatchBackends
import QuantWatchDomain
import QuantWatchExport

/// `quantwatch top`: the dashboard drawn from Prometheus, over every probe that it scrapes.
struct TopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "top",
        abstract: "The dashboard from Prometheus: every probe's targets, from the series `run --headless` exports.",
        discussion: """
            Reads the recording rules `quantwatch rules` writes (load them into Prometheus) and the probes' \
            gauges: four queries per refresh whatever the fleet's size. `p` toggles one row per probe and \
            target / one per target; a probe that stopped answering scrapes shows stale, dimmed. \
            The bearer token, when Prometheus needs one, comes from the environment variable named by --token-env.
            """
    )

    @Option(help: "Prometheus (or Thanos, Mimir, VictoriaMetrics) base URL, e.g. http://prometheus:9090.")
    var prometheus: String

    @Option(help: "Label matchers for the probes' series, e.g. '{region=\"eu-west\"}'.")
    var match: String?

    @Option(help: "Only this probe's rows.")
    var probe: String?

    @Option(help: "Time between refreshes, e.g. 5s.")
    var every = "5s"

    @Option(
        name: .customLong("token-env"),
        help: "Environment variable holding a bearer token for Prometheus (never passed on the command line).")
    var tokenEnv = "PROMETHEUS_TOKEN"

    @Flag(help: "One refresh printed as a JSON snapshot line instead of the dashboard (exit 3 if it failed).")
    var once = false

    @OptionGroup var dashboard: DashboardOptions

    func validate() throws {
        guard let url = URL(string: prometheus), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw ValidationError("--prometheus: '\(prometheus)' is not an http:// or https:// URL")
        }
        _ = try DurationOption.parse(every, flag: "--every")
    }

    func run() async throws {
        let interval = try DurationOption.parse(every, flag: "--every") ?? .seconds(5)
        let httpClient = BackendFactory.makeHTTPClient()
        let client = PromQLClient(
            baseURL: prometheus, bearerToken: ProcessInfo.processInfo.environment[tokenEnv], httpClient: httpClient)
        let source = PrometheusSnapshotSource(client: client, queries: PromQLQueries(match: match, probe: probe))
        do {
            if once {
                let snapshot = await source.refresh()
                print(JSONLineEncoder().line(SnapshotRecord(snapshot)))
                if let failure = snapshot.events.last(where: { $0.targetID == "prometheus" && $0.rule == "query" }) {
                    StandardError.print("quantwatch: \(failure.message)")
                    throw ExitStatus.configError
                }
            } else {
                let app = try dashboard.app(
                    source.snapshots(every: interval), keys: [:], configPath: "quantwatch top")
                if case .signal(let number) = try await app.run() { throw ExitCode(128 + number) }
            }
        } catch {
            try? await httpClient.shutdown()
            throw error
        }
        try? await httpClient.shutdown()
    }
}
