import AsyncHTTPClient
import NIOHTTP1

/// Anthropic's Messages API, streamed as SSE events.
public struct AnthropicBackend: Backend {
    struct Body: Encodable {
        var model: String
        var maxTokens: Int
        var system: String?
        var messages: [RequestBody.Message]
        var stream = true
        // top_p is left out: newer models refuse temperature and top_p together.
        var temperature = 0.0
    }

    public static let apiVersion = "2023-06-01"

    public let target: TargetConfig
    private let apiKey: String?
    private let transport: HTTPTransport

    /// - Parameter apiKey: sent as `x-api-key`.
    public init(target: TargetConfig, apiKey: String?, httpClient: HTTPClient) {
        self.target = target
        self.apiKey = apiKey
        self.transport = HTTPTransport(
            client: httpClient, timeouts: target.timeouts, retry: target.retry,
            redactor: Redactor(secrets: [apiKey]))
    }

    public func generate(_ request: ProbeRequest) async -> Result<Generation, ProbeFailure> {
        await transport.generate(prepared(request)) { AnthropicStreamDecoder() }
    }

    public func checkReachable() async -> Result<Void, ProbeFailure> {
        await transport.check(
            PreparedRequest(url: url("/v1/models"), method: .GET, headers: headers(accept: "application/json")))
    }

    func prepared(_ request: ProbeRequest) -> PreparedRequest {
        let system = request.canary.messages.filter { $0.role == .system }.map(\.content)
        let turns = request.canary.messages.filter { $0.role != .system }
            .map { RequestBody.Message(role: $0.role.rawValue, content: $0.content) }
        let body = Body(
            model: target.model, maxTokens: request.canary.maxTokens,
            system: system.isEmpty ? nil : system.joined(separator: "\n"), messages: turns)
        return PreparedRequest(
            url: url("/v1/messages"), headers: headers(accept: "text/event-stream"), body: RequestBody.encode(body))
    }

    private func url(_ path: String) -> String {
        EndpointURL.make(base: target.url, path: path, dropVersionSuffix: true)
    }

    private func headers(accept: String) -> HTTPHeaders {
        var headers = BackendHeaders.make(accept: accept, extra: target.headers)
        headers.replaceOrAdd(name: "anthropic-version", value: Self.apiVersion)
        if let apiKey, !apiKey.isEmpty { headers.replaceOrAdd(name: "x-api-key", value: apiKey) }
        return headers
    }
}
