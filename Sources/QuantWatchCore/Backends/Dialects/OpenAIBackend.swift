import AsyncHTTPClient
import NIOHTTP1

/// OpenAI-compatible chat completions (vLLM, llama.cpp's `/v1`, Ollama's `/v1`, hosted APIs), streamed as SSE.
public struct OpenAIBackend: Backend {
    struct Body: Encodable {
        struct StreamOptions: Encodable {
            var includeUsage = true
        }

        var model: String?
        var messages: [RequestBody.Message]
        var stream = true
        var streamOptions = StreamOptions()
        var temperature = 0.0
        var topP = 1.0
        var seed: Int
        var maxTokens: Int
        var logprobs: Bool?
        var topLogprobs: Int?
    }

    public let target: TargetConfig
    private let apiKey: String?
    private let transport: HTTPTransport

    /// - Parameter apiKey: sent as `Authorization: Bearer`; never stored in messages.
    public init(target: TargetConfig, apiKey: String?, httpClient: HTTPClient) {
        self.target = target
        self.apiKey = apiKey
        self.transport = HTTPTransport(
            client: httpClient, timeouts: target.timeouts, retry: target.retry,
            redactor: Redactor(secrets: [apiKey]))
    }

    public func generate(_ request: ProbeRequest) async -> Result<Generation, ProbeFailure> {
        await transport.generate(prepared(request)) { OpenAIStreamDecoder() }
    }

    public func checkReachable() async -> Result<Void, ProbeFailure> {
        await transport.check(
            PreparedRequest(url: url("/v1/models"), method: .GET, headers: headers(accept: "application/json")))
    }

    func prepared(_ request: ProbeRequest) -> PreparedRequest {
        let wantsLogprobs = request.topLogprobs > 0
        let body = Body(
            model: target.model.isEmpty ? nil : target.model, messages: RequestBody.messages(request.canary),
            seed: request.seed, maxTokens: request.canary.maxTokens, logprobs: wantsLogprobs ? true : nil,
            topLogprobs: wantsLogprobs ? request.topLogprobs : nil)
        return PreparedRequest(
            url: url("/v1/chat/completions"), headers: headers(accept: "text/event-stream"),
            body: RequestBody.encode(body))
    }

    private func url(_ path: String) -> String {
        EndpointURL.make(base: target.url, path: path, dropVersionSuffix: true)
    }

    private func headers(accept: String) -> HTTPHeaders {
        var headers = BackendHeaders.make(accept: accept, extra: target.headers)
        if let apiKey, !apiKey.isEmpty { headers.replaceOrAdd(name: "authorization", value: "Bearer \(apiKey)") }
        return headers
    }
}
