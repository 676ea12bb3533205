/// OpenAI-compatible `/v1/chat/completions`: SSE chunks, role-only first chunk, logprobs, usage, `[DONE]`.
struct OpenAIEncoder: SimResponseEncoder {
    var streamContentType: String { "text/event-stream" }

    func prologue(_ context: SimResponseContext) -> String {
        SimEncoding.sse(chunk(context, delta: ["role": "assistant", "content": ""], logprobs: .null, finish: .null))
    }

    func token(_ index: Int, _ context: SimResponseContext) -> String {
        let text = context.plan.tokens[index]
        var logprobs = SimJSON.null
        if let top = context.topLogprobs, index < context.plan.logprobs.count {
            logprobs = ["content": .array([SimEncoding.openAILogprob(context.plan.logprobs[index], top: top)])]
        }
        return SimEncoding.sse(chunk(context, delta: ["content": .string(text)], logprobs: logprobs, finish: .null))
    }

    func epilogue(_ context: SimResponseContext, _ timings: SimMeasuredTimings) -> String {
        let reason = SimEncoding.reason(context.plan, stop: "stop", length: "length")
        var out = SimEncoding.sse(chunk(context, delta: [:], logprobs: .null, finish: .string(reason)))
        if context.includeUsage {
            out += SimEncoding.sse([
                "id": .string(context.responseID), "object": "chat.completion.chunk", "created": .int(context.created),
                "model": .string(context.modelName), "system_fingerprint": "fp_quantwatch_sim", "choices": .array([]),
                "usage": usage(context),
            ])
        }
        return out + "data: [DONE]\n\n"
    }

    func malformedChunk(_ context: SimResponseContext) -> String {
        "data: {\"id\":\"\(context.responseID)\",\"object\":\"chat.completion.chunk\","
            + "\"choices\":[{\"delta\":{\"content\":\n\n"
    }

    func fullBody(_ context: SimResponseContext, _ timings: SimMeasuredTimings) -> String {
        var logprobs = SimJSON.null
        if let top = context.topLogprobs {
            logprobs = ["content": .array(context.plan.logprobs.map { SimEncoding.openAILogprob($0, top: top) })]
        }
        let reason = SimEncoding.reason(context.plan, stop: "stop", length: "length")
        let json: SimJSON = [
            "id": .string(context.responseID), "object": "chat.completion", "created": .int(context.created),
            "model": .string(context.modelName), "system_fingerprint": "fp_quantwatch_sim",
            "choices": .array([
                [
                    "index": 0, "message": ["role": "assistant", "content": .string(context.plan.text)],
                    "logprobs": logprobs, "finish_reason": .string(reason),
                ]
            ]),
            "usage": usage(context),
        ]
        return json.text
    }

    func errorBody(status: Int, message: String) -> String {
        let type = status == 429 ? "rate_limit_exceeded" : (status >= 500 ? "server_error" : "invalid_request_error")
        let json: SimJSON = [
            "error": ["message": .string(message), "type": .string(type), "param": .null, "code": .null]
        ]
        return json.text
    }

    private func chunk(_ context: SimResponseContext, delta: SimJSON, logprobs: SimJSON, finish: SimJSON) -> SimJSON {
        var fields: [SimJSON.Field] = [
            .init("id", .string(context.responseID)), .init("object", "chat.completion.chunk"),
            .init("created", .int(context.created)), .init("model", .string(context.modelName)),
            .init("system_fingerprint", "fp_quantwatch_sim"),
            .init("choices", .array([["index": 0, "delta": delta, "logprobs": logprobs, "finish_reason": finish]])),
        ]
        if context.includeUsage { fields.append(.init("usage", .null)) }
        return .object(fields)
    }

    private func usage(_ context: SimResponseContext) -> SimJSON {
        let completion = context.plan.tokens.count
        return [
            "prompt_tokens": .int(context.plan.promptTokens), "completion_tokens": .int(completion),
            "total_tokens": .int(context.plan.promptTokens + completion),
        ]
    }
}
