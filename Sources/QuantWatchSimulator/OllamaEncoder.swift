/// Ollama `/api/chat`: NDJSON lines, a final `done: true` line with eval counts and nanosecond durations.
struct OllamaEncoder: SimResponseEncoder {
    var streamContentType: String { "application/x-ndjson" }

    func prologue(_ context: SimResponseContext) -> String {
        ""
    }

    func token(_ index: Int, _ context: SimResponseContext) -> String {
        var fields: [SimJSON.Field] = [
            .init("model", .string(context.modelName)), .init("created_at", .string(context.createdAt)),
            .init("message", ["role": "assistant", "content": .string(context.plan.tokens[index])]),
            .init("done", false),
        ]
        if let top = context.topLogprobs, index < context.plan.logprobs.count {
            fields.append(
                .init("logprobs", .array([SimEncoding.openAILogprob(context.plan.logprobs[index], top: top)])))
        }
        return SimJSON.object(fields).text + "\n"
    }

    func epilogue(_ context: SimResponseContext, _ timings: SimMeasuredTimings) -> String {
        SimJSON.object(final(context, timings, content: "")).text + "\n"
    }

    func malformedChunk(_ context: SimResponseContext) -> String {
        "{\"model\":\"\(SimJSON.escape(context.modelName))\",\"message\":{\"role\":\"assistant\",\"content\":\n"
    }

    func fullBody(_ context: SimResponseContext, _ timings: SimMeasuredTimings) -> String {
        var fields = final(context, timings, content: context.plan.text)
        if let top = context.topLogprobs {
            fields.append(
                .init("logprobs", .array(context.plan.logprobs.map { SimEncoding.openAILogprob($0, top: top) })))
        }
        return SimJSON.object(fields).text
    }

    func errorBody(status: Int, message: String) -> String {
        SimJSON.object([.init("error", .string(message))]).text
    }

    private func final(_ context: SimResponseContext, _ timings: SimMeasuredTimings, content: String) -> [SimJSON.Field]
    {
        [
            .init("model", .string(context.modelName)), .init("created_at", .string(context.createdAt)),
            .init("message", ["role": "assistant", "content": .string(content)]),
            .init("done_reason", .string(SimEncoding.reason(context.plan, stop: "stop", length: "length"))),
            .init("done", true), .init("total_duration", SimEncoding.nanoseconds(timings.totalMilliseconds)),
            .init("load_duration", .int(1_250_000)), .init("prompt_eval_count", .int(context.plan.promptTokens)),
            .init("prompt_eval_duration", SimEncoding.nanoseconds(timings.promptMilliseconds)),
            .init("eval_count", .int(context.plan.tokens.count)),
            .init("eval_duration", SimEncoding.nanoseconds(timings.predictedMilliseconds)),
        ]
    }
}
