import AsyncHTTPClient
import NIOCore

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

    /// An HTTP client configured for probing: the given connect timeout, and no silent connection retries
    /// inside AsyncHTTPClient (the backends retry themselves, counted, with backoff).
    /// The caller owns the client and must `shutdown()` it.
    public static func makeHTTPClient(connectTimeout: Duration = Timeouts().connect) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .nanoseconds(AttemptTimeline.nanoseconds(connectTimeout))
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.decompression = .disabled
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }
}
