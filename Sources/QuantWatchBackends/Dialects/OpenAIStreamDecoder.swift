import QuantWatchDomain

/// Decodes OpenAI-compatible chat completion chunks (vLLM, llama.cpp `/v1`, hosted APIs).
struct OpenAIStreamDecoder: StreamDecoder {
    /// One `chat.completion.chunk`; every member optional because servers differ in what they send.
    struct Chunk: Decodable {
        struct Choice: Decodable {
            struct Delta: Decodable {
                var content: String?
                /// vLLM / llama.cpp reasoning models stream their thinking here.
                var reasoningContent: String?
                var reasoning: String?
            }

            struct Logprobs: Decodable {
                var content: [Entry]?
            }

            struct Entry: Decodable {
                var token: String
                var logprob: Double?
                var topLogprobs: [Alternative]?
            }

            struct Alternative: Decodable {
                var token: String
                var logprob: Double?
            }

            var delta: Delta?
            var finishReason: String?
            var logprobs: Logprobs?
        }

        struct Usage: Decodable {
            var promptTokens: Int?
            var completionTokens: Int?
        }

        var choices: [Choice]?
        var usage: Usage?
        /// llama.cpp's OpenAI endpoint adds its own timings to the last chunk.
        var timings: LlamaCppTimings?
        var error: StreamErrorPayload?
        /// What the server says served the request (for provider drift): `system_fingerprint` and `model`.
        var systemFingerprint: String?
        var model: String?
    }

    let framing = StreamFraming.sse
    private let json = JSONPayload()

    mutating func decode(
        event: String?, payload: UnsafeRawBufferPointer, at instant: ContinuousClock.Instant,
        into accumulator: inout GenerationAccumulator
    ) throws(AttemptFailure) {
        if payload.elementsEqual("[DONE]".utf8) {
            accumulator.finished = true
            return
        }
        let chunk = try json.decode(Chunk.self, payload, dialect: "OpenAI")
        if let error = chunk.error { throw error.failure }
        if let choice = chunk.choices?.first {
            if let reasoning = choice.delta?.reasoningContent ?? choice.delta?.reasoning {
                accumulator.reasoning(reasoning, at: instant)
            }
            if let content = choice.delta?.content {
                accumulator.content(content, at: instant)
            }
            for entry in choice.logprobs?.content ?? [] {
                accumulator.logprobs.append(
                    TokenLogprob(
                        token: entry.token, logprob: LogprobFloor.clamp(entry.logprob),
                        top: LogprobFloor.sorted(
                            (entry.topLogprobs ?? []).map { ($0.token, LogprobFloor.clamp($0.logprob)) })))
            }
        }
        if let usage = chunk.usage {
            // Usage is cumulative where servers repeat it: the last one wins.
            if let output = usage.completionTokens { accumulator.usageOutputTokens = output }
            if let input = usage.promptTokens { accumulator.inputTokens = input }
        }
        if let timings = chunk.timings { accumulator.serverTimings = timings.serverTimings }
        if let fingerprint = chunk.systemFingerprint, !fingerprint.isEmpty {
            accumulator.systemFingerprint = fingerprint
        }
        if let model = chunk.model, !model.isEmpty { accumulator.servedModel = model }
    }
}
