import NIOHTTP1
import QuantWatchDomain

/// OpenAI-compatible chat completions (vLLM, llama.cpp's `/v1`, Ollama's `/v1`, hosted APIs), streamed as SSE;
/// the key goes in `Authorization: Bearer`.
enum OpenAIDialect: Dialect {
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

    static func makeDecoder() -> OpenAIStreamDecoder { OpenAIStreamDecoder() }

    static func streamRequest(
        _ request: ProbeRequest, target: TargetConfig, headers: (_ accept: String) -> HTTPHeaders
    ) -> PreparedRequest {
        let wantsLogprobs = request.topLogprobs > 0
        let body = Body(
            model: target.model.isEmpty ? nil : target.model, messages: RequestBody.messages(request.canary),
            seed: request.seed, maxTokens: request.canary.maxTokens, logprobs: wantsLogprobs ? true : nil,
            topLogprobs: wantsLogprobs ? request.topLogprobs : nil)
        return PreparedRequest(
            url: url(target, "/v1/chat/completions"), headers: headers("text/event-stream"),
            body: RequestBody.encode(body))
    }

    static func healthURL(_ target: TargetConfig) -> String { url(target, "/v1/models") }

    private static func url(_ target: TargetConfig, _ path: String) -> String {
        EndpointURL.make(base: target.url, path: path, dropVersionSuffix: true)
    }
}
