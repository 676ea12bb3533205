import AsyncHTTPClient
import Foundation
import QuantWatchBackends
import QuantWatchDomain

/// The HTTP client, one backend per target and the runtime metrics scrapers, with their shutdown.
struct FleetRuntime: Sendable {
    let config: FleetConfig
    let httpClient: HTTPClient
    let backends: [String: any Backend]
    /// One per target with a metrics endpoint (`metrics_url`, or the default for local runtimes).
    let scrapers: [RuntimeScraper]

    init(config: FleetConfig) {
        self.config = config
        // The connect timeout is a setting of the whole client: the longest any target allows.
        let connect = config.targets.map(\.timeouts.connect).max() ?? Timeouts().connect
        httpClient = BackendFactory.makeHTTPClient(connectTimeout: connect, connectionsPerHost: config.concurrency)
        backends = BackendFactory.backends(
            for: config, environment: ProcessInfo.processInfo.environment, httpClient: httpClient)
        scrapers = RuntimeScraper.scrapers(for: config, fetcher: HTTPMetricsFetcher(client: httpClient))
    }

    /// Asks a target's server what it is (model path, ids, digest), for `baseline_drift`.
    var identify: @Sendable (TargetConfig) async -> ServerIdentity {
        let client = httpClient
        let environment = ProcessInfo.processInfo.environment
        return { target in await ServerIdentityProbe.identify(target, httpClient: client, environment: environment) }
    }

    func shutdown() async {
        try? await httpClient.shutdown()
    }
}
