import AsyncHTTPClient
import NIOHTTP1

/// Ollama's native `/api/chat`, streamed as NDJSON.
public struct OllamaBackend: Backend {
    struct Body: Encodable {
        struct Options: Encodable {
            var temperature = 0.0
            var topP = 1.0
            var seed: Int
            var numPredict: Int
        }

        var model: String
        var messages: [RequestBody.Message]
        var stream = true
        var options: Options
    }

    public let target: TargetConfig
    private let apiKey: String?
    private let transport: HTTPTransport

    /// - Parameter apiKey: sent as `Authorization: Bearer` (for Ollama behind an authenticating proxy).
    public init(target: TargetConfig, apiKey: String?, httpClient: HTTPClient) {
        self.target = target
        self.apiKey = apiKey
        self.transport = HTTPTransport(
            client: httpClient, timeouts: target.timeouts, retry: target.retry,
            redactor: Redactor(secrets: [apiKey]))
    }

    public func generate(_ request: ProbeRequest) async -> Result<Generation, ProbeFailure> {
        await transport.generate(prepared(request)) { OllamaStreamDecoder() }
    }

    public func checkReachable() async -> Result<Void, ProbeFailure> {
        await transport.check(
            PreparedRequest(
                url: EndpointURL.make(base: target.url, path: "/api/tags"), method: .GET,
                headers: headers(accept: "application/json")))
    }

    func prepared(_ request: ProbeRequest) -> PreparedRequest {
        let body = Body(
            model: target.model, messages: RequestBody.messages(request.canary),
            options: .init(seed: request.seed, numPredict: request.canary.maxTokens))
        return PreparedRequest(
            url: EndpointURL.make(base: target.url, path: "/api/chat"), headers: headers(accept: "application/x-ndjson"),
            body: RequestBody.encode(body))
    }

    private func headers(accept: String) -> HTTPHeaders {
        var headers = BackendHeaders.make(accept: accept, extra: target.headers)
        if let apiKey, !apiKey.isEmpty { headers.replaceOrAdd(name: "authorization", value: "Bearer \(apiKey)") }
        return headers
    }
}
