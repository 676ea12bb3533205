import NIOHTTP1
import QuantWatchDomain

/// Anthropic's Messages API, streamed as SSE events; the key goes in `x-api-key`.
enum AnthropicDialect: Dialect {
    struct Body: Encodable {
        var model: String
        var maxTokens: Int
        var system: String?
        var messages: [RequestBody.Message]
        var stream = true
        // top_p is left out: newer models refuse temperature and top_p together.
        var temperature = 0.0
    }

    static let apiVersion = "2023-06-01"

    static func makeDecoder() -> AnthropicStreamDecoder { AnthropicStreamDecoder() }

    static func streamRequest(
        _ request: ProbeRequest, target: TargetConfig, headers: (_ accept: String) -> HTTPHeaders
    ) -> PreparedRequest {
        let system = request.canary.messages.filter { $0.role == .system }.map(\.content)
        let turns = request.canary.messages.filter { $0.role != .system }
            .map { RequestBody.Message(role: $0.role.rawValue, content: $0.content) }
        let body = Body(
            model: target.model, maxTokens: request.canary.maxTokens,
            system: system.isEmpty ? nil : system.joined(separator: "\n"), messages: turns)
        return PreparedRequest(
            url: url(target, "/v1/messages"), headers: headers("text/event-stream"), body: RequestBody.encode(body))
    }

    static func healthURL(_ target: TargetConfig) -> String { url(target, "/v1/models") }

    static func decorate(_ headers: inout HTTPHeaders) {
        headers.replaceOrAdd(name: "anthropic-version", value: apiVersion)
    }

    static func authorize(_ headers: inout HTTPHeaders, apiKey: String) {
        headers.replaceOrAdd(name: "x-api-key", value: apiKey)
    }

    private static func url(_ target: TargetConfig, _ path: String) -> String {
        EndpointURL.make(base: target.url, path: path, dropVersionSuffix: true)
    }
}
