import AsyncHTTPClient
import NIOHTTP1
import QuantWatchDomain

/// A backend speaking one `Dialect` over the shared HTTP transport (timeouts, retries, key redaction).
struct DialectBackend<D: Dialect>: Backend {
    let target: TargetConfig
    private let apiKey: String?
    private let transport: HTTPTransport

    /// - Parameter apiKey: sent the way the dialect says (`Dialect.authorize`); never stored in messages.
    init(target: TargetConfig, apiKey: String?, httpClient: HTTPClient) {
        self.target = target
        self.apiKey = apiKey
        self.transport = HTTPTransport(
            client: httpClient, timeouts: target.timeouts, retry: target.retry,
            redactor: Redactor(secrets: [apiKey]))
    }

    func generate(_ request: ProbeRequest) async -> Result<Generation, ProbeFailure> {
        await transport.generate(prepared(request)) { D.makeDecoder() }
    }

    func checkReachable() async -> Result<Void, ProbeFailure> {
        await transport.check(
            PreparedRequest(url: D.healthURL(target), method: .GET, headers: headers(accept: "application/json")))
    }

    func prepared(_ request: ProbeRequest) -> PreparedRequest {
        D.streamRequest(request, target: target, headers: headers(accept:))
    }

    private func headers(accept: String) -> HTTPHeaders {
        var headers = BackendHeaders.make(accept: accept, extra: target.headers)
        D.decorate(&headers)
        if let apiKey, !apiKey.isEmpty { D.authorize(&headers, apiKey: apiKey) }
        return headers
    }
}

typealias OpenAIBackend = DialectBackend<OpenAIDialect>
typealias LlamaCppBackend = DialectBackend<LlamaCppDialect>
typealias OllamaBackend = DialectBackend<OllamaDialect>
typealias AnthropicBackend = DialectBackend<AnthropicDialect>
