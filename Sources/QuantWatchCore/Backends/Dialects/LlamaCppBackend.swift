import AsyncHTTPClient
import NIOHTTP1

/// llama.cpp's native `/completion` endpoint: ChatML prompt, greedy sampling, no prompt cache, SSE stream.
public struct LlamaCppBackend: Backend {
    struct Body: Encodable {
        var prompt: String
        var stream = true
        var nPredict: Int
        var temperature = 0.0
        var topK = 1
        var topP = 1.0
        var seed: Int
        /// Off so that prefix caching does not fake TTFT between canaries.
        var cachePrompt = false
        var nProbs: Int?
    }

    public let target: TargetConfig
    private let apiKey: String?
    private let transport: HTTPTransport

    /// - Parameter apiKey: sent as `Authorization: Bearer` when llama-server runs with `--api-key`.
    public init(target: TargetConfig, apiKey: String?, httpClient: HTTPClient) {
        self.target = target
        self.apiKey = apiKey
        self.transport = HTTPTransport(
            client: httpClient, timeouts: target.timeouts, retry: target.retry,
            redactor: Redactor(secrets: [apiKey]))
    }

    public func generate(_ request: ProbeRequest) async -> Result<Generation, ProbeFailure> {
        await transport.generate(prepared(request)) { LlamaCppStreamDecoder() }
    }

    public func checkReachable() async -> Result<Void, ProbeFailure> {
        await transport.check(
            PreparedRequest(
                url: EndpointURL.make(base: target.url, path: "/health"), method: .GET,
                headers: headers(accept: "application/json")))
    }

    func prepared(_ request: ProbeRequest) -> PreparedRequest {
        let body = Body(
            prompt: Self.chatML(request.canary.messages), nPredict: request.canary.maxTokens, seed: request.seed,
            nProbs: request.topLogprobs > 0 ? request.topLogprobs : nil)
        return PreparedRequest(
            url: EndpointURL.make(base: target.url, path: "/completion"), headers: headers(accept: "text/event-stream"),
            body: RequestBody.encode(body))
    }

    /// The messages in ChatML, ending with an open assistant turn.
    static func chatML(_ messages: [ChatMessage]) -> String {
        var prompt = ""
        for message in messages {
            prompt += "<|im_start|>\(message.role.rawValue)\n\(message.content)<|im_end|>\n"
        }
        return prompt + "<|im_start|>assistant\n"
    }

    private func headers(accept: String) -> HTTPHeaders {
        var headers = BackendHeaders.make(accept: accept, extra: target.headers)
        if let apiKey, !apiKey.isEmpty { headers.replaceOrAdd(name: "authorization", value: "Bearer \(apiKey)") }
        return headers
    }
}
