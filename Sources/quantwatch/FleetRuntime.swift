import AsyncHTTPClient
import Foundation
import QuantWatchCore

/// The HTTP client and one backend per target, with their shutdown.
struct FleetRuntime: Sendable {
    let config: FleetConfig
    let httpClient: HTTPClient
    let backends: [String: any Backend]

    init(config: FleetConfig) {
        self.config = config
        // The connect timeout is a setting of the whole client: the longest any target allows.
        let connect = config.targets.map(\.timeouts.connect).max() ?? Timeouts().connect
        httpClient = BackendFactory.makeHTTPClient(connectTimeout: connect, connectionsPerHost: config.concurrency)
        let environment = ProcessInfo.processInfo.environment
        var backends: [String: any Backend] = [:]
        for target in config.targets {
            backends[target.id] = BackendFactory.make(target: target, environment: environment, httpClient: httpClient)
        }
        self.backends = backends
    }

    func shutdown() async {
        try? await httpClient.shutdown()
    }
}
