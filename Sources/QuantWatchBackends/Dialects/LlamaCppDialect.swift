import NIOHTTP1
import QuantWatchDomain

/// llama.cpp's native `/completion` endpoint: ChatML prompt, greedy sampling, no prompt cache, SSE stream; the
/// key (llama-server `--api-key`) goes in `Authorization: Bearer`.
enum LlamaCppDialect: Dialect {
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

    static func makeDecoder() -> LlamaCppStreamDecoder { LlamaCppStreamDecoder() }

    static func streamRequest(
        _ request: ProbeRequest, target: TargetConfig, headers: (_ accept: String) -> HTTPHeaders
    ) -> PreparedRequest {
        let body = Body(
            prompt: chatML(request.canary.messages), nPredict: request.canary.maxTokens, seed: request.seed,
            nProbs: request.topLogprobs > 0 ? request.topLogprobs : nil)
        // llama-server closes the connection after every streamed response while advertising keep-alive, so a
        // pooled connection is dead by the next probe; asking for close keeps the client from reusing it.
        var streamHeaders = headers("text/event-stream")
        streamHeaders.replaceOrAdd(name: "connection", value: "close")
        return PreparedRequest(
            url: EndpointURL.make(base: target.url, path: "/completion"), headers: streamHeaders,
            body: RequestBody.encode(body))
    }

    static func healthURL(_ target: TargetConfig) -> String {
        EndpointURL.make(base: target.url, path: "/health")
    }

    /// The messages in ChatML, ending with an open assistant turn.
    static func chatML(_ messages: [ChatMessage]) -> String {
        var prompt = ""
        for message in messages {
            prompt += "<|im_start|>\(message.role.rawValue)\n\(message.content)<|im_end|>\n"
        }
        return prompt + "<|im_start|>assistant\n"
    }
}
