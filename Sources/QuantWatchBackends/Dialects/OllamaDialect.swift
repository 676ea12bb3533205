import NIOHTTP1
import QuantWatchDomain

/// Ollama's native `/api/chat`, streamed as NDJSON; a key (for Ollama behind an authenticating proxy) goes in
/// `Authorization: Bearer`.
enum OllamaDialect: Dialect {
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

    static func makeDecoder() -> OllamaStreamDecoder { OllamaStreamDecoder() }

    static func streamRequest(
        _ request: ProbeRequest, target: TargetConfig, headers: (_ accept: String) -> HTTPHeaders
    ) -> PreparedRequest {
        let body = Body(
            model: target.model, messages: RequestBody.messages(request.canary),
            options: .init(seed: request.seed, numPredict: request.canary.maxTokens))
        return PreparedRequest(
            url: EndpointURL.make(base: target.url, path: "/api/chat"), headers: headers("application/x-ndjson"),
            body: RequestBody.encode(body))
    }

    static func healthURL(_ target: TargetConfig) -> String {
        EndpointURL.make(base: target.url, path: "/api/tags")
    }
}
