import AsyncHTTPClient
import QuantWatchBackends
import QuantWatchDomain
import QuantWatchTestSupport

/// Runs `body` with a scripted server and a real backend of `kind` pointed at it; tears both down.
func withBackend(
    _ kind: BackendKind,
    timeouts: Timeouts = Timeouts(connect: .seconds(2), readIdle: .seconds(5), total: .seconds(10)),
    retry: RetryPolicy = RetryPolicy(maxRetries: 0), apiKey: String? = nil, urlSuffix: String = "",
    handler: @escaping ScriptedHTTPServer.Handler,
    _ body: (any Backend, ScriptedHTTPServer) async throws -> Void
) async throws {
    let server = try await ScriptedHTTPServer.start(handler: handler)
    let client = BackendFactory.makeHTTPClient(connectTimeout: timeouts.connect)
    let target = TargetConfig(
        id: "t", backend: kind, url: server.baseURL + urlSuffix, model: "m", apiKeyEnv: apiKey == nil ? nil : "QW_KEY",
        timeouts: timeouts, retry: retry)
    let backend = BackendFactory.make(
        target: target, environment: apiKey.map { ["QW_KEY": $0] } ?? [:], httpClient: client)
    do {
        try await body(backend, server)
    } catch {
        await server.shutdown()
        try? await client.shutdown()
        throw error
    }
    await server.shutdown()
    try await client.shutdown()
}

/// A one-message canary.
func probe(maxTokens: Int = 16, topLogprobs: Int = 0, system: String? = nil) -> ProbeRequest {
    var messages = [ChatMessage(role: .user, content: "What is 2+2?")]
    if let system { messages.insert(ChatMessage(role: .system, content: system), at: 0) }
    return ProbeRequest(
        canary: Canary(id: "c", category: "math", messages: messages, maxTokens: maxTokens, scorer: .exact("4")),
        seed: 7, topLogprobs: topLogprobs)
}

extension Result {
    var success: Success? {
        if case .success(let value) = self { return value }
        return nil
    }

    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

/// OpenAI chunk JSON with a content delta (nil: role-only chunk).
func openAIChunk(_ content: String?, finish: String? = nil) -> String {
    let delta = content.map { #"{"content":"\#($0)"}"# } ?? #"{"role":"assistant","content":""}"#
    let reason = finish.map { "\"\($0)\"" } ?? "null"
    return
        #"{"id":"x","object":"chat.completion.chunk","choices":[{"index":0,"delta":\#(delta),"finish_reason":\#(reason)}]}"#
}
