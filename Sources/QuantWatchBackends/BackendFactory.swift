import AsyncHTTPClient
import NIOCore
import QuantWatchDomain

/// Makes the backend a target's dialect calls for, with its API key read from the environment.
public enum BackendFactory {
    /// The backend for `target`; the key comes from `environment[target.apiKeyEnv]` (nil when unset).
    public static func make(
        target: TargetConfig, environment: [String: String], httpClient: HTTPClient
    ) -> any Backend {
        let key = target.apiKeyEnv.flatMap { environment[$0] }.flatMap { $0.isEmpty ? nil : $0 }
        switch target.backend {
        case .openai: return OpenAIBackend(target: target, apiKey: key, httpClient: httpClient)
        case .llamacpp: return LlamaCppBackend(target: target, apiKey: key, httpClient: httpClient)
        case .ollama: return OllamaBackend(target: target, apiKey: key, httpClient: httpClient)
        case .anthropic: return AnthropicBackend(target: target, apiKey: key, httpClient: httpClient)
        }
    }

    /// One backend per target of `config`, keyed by target id, all on one HTTP client.
    public static func backends(
        for config: FleetConfig, environment: [String: String], httpClient: HTTPClient
    ) -> [String: any Backend] {
        var backends: [String: any Backend] = [:]
        for target in config.targets {
            backends[target.id] = make(target: target, environment: environment, httpClient: httpClient)
        }
        return backends
    }

    /// An HTTP client configured for probing: the given connect timeout, and no silent connection retries
    /// inside AsyncHTTPClient (the backends retry themselves, counted, with backoff).
    ///
    /// The caller owns the client and must `shutdown()` it.
    /// - Parameter connectionsPerHost: at least the fleet's concurrency: targets sharing one host:port (several
    ///   models behind one vLLM, a hosted API) would otherwise queue behind the client's default of 8
    ///   connections and the wait would count as their latency.
    public static func makeHTTPClient(
        connectTimeout: Duration = Timeouts().connect, connectionsPerHost: Int = 8
    ) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .nanoseconds(AttemptTimeline.nanoseconds(connectTimeout))
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(8, connectionsPerHost)
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.decompression = .disabled
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }
}
