import QuantWatchDomain

/// llama.cpp native `/completion`: `data:` lines with `content`/`stop`, `completion_probabilities` when
/// `n_probs` is set, and a final chunk with `timings` and `tokens_predicted`.
struct LlamaCppEncoder: SimResponseEncoder {
    var streamContentType: String { "text/event-stream" }

    func prologue(_ context: SimResponseContext) -> String {
        ""
    }

    func token(_ index: Int, _ context: SimResponseContext) -> String {
        var fields: [SimJSON.Field] = [
            .init("index", 0), .init("content", .string(context.plan.tokens[index])), .init("tokens", .array([])),
            .init("stop", false), .init("id_slot", 0), .init("tokens_predicted", .int(index + 1)),
            .init("tokens_evaluated", .int(context.plan.promptTokens)),
        ]
        if let top = context.topLogprobs, index < context.plan.logprobs.count {
            fields.append(.init("completion_probabilities", .array([probability(context.plan.logprobs[index], top)])))
        }
        return SimEncoding.sse(.object(fields))
    }

    func epilogue(_ context: SimResponseContext, _ timings: SimMeasuredTimings) -> String {
        SimEncoding.sse(.object(final(context, timings, content: "")))
    }

    func malformedChunk(_ context: SimResponseContext) -> String {
        "data: {\"index\":0,\"content\":\"\(SimJSON.escape(context.plan.tokens.first ?? ""))\",\"stop\":fa\n\n"
    }

    func fullBody(_ context: SimResponseContext, _ timings: SimMeasuredTimings) -> String {
        var fields = final(context, timings, content: context.plan.text)
        if let top = context.topLogprobs {
            fields.append(.init("completion_probabilities", .array(context.plan.logprobs.map { probability($0, top) })))
        }
        return SimJSON.object(fields).text
    }

    func errorBody(status: Int, message: String) -> String {
        let type = status == 503 ? "unavailable_error" : (status >= 500 ? "server_error" : "invalid_request_error")
        let json: SimJSON = ["error": ["code": .int(status), "message": .string(message), "type": .string(type)]]
        return json.text
    }

    private func final(_ context: SimResponseContext, _ timings: SimMeasuredTimings, content: String) -> [SimJSON.Field]
    {
        let plan = context.plan
        let predicted = plan.tokens.count
        let promptMs = timings.promptMilliseconds
        let predictedMs = timings.predictedMilliseconds
        let timingsJSON: SimJSON = [
            "prompt_n": .int(plan.promptTokens), "prompt_ms": .double(promptMs),
            "prompt_per_token_ms": .double(promptMs / Double(max(plan.promptTokens, 1))),
            "prompt_per_second": .double(promptMs > 0 ? Double(plan.promptTokens) / promptMs * 1000 : 0),
            "predicted_n": .int(predicted), "predicted_ms": .double(predictedMs),
            "predicted_per_token_ms": .double(predictedMs / Double(max(predicted, 1))),
            "predicted_per_second": .double(predictedMs > 0 ? Double(predicted) / predictedMs * 1000 : 0),
        ]
        return [
            .init("index", 0), .init("content", .string(content)), .init("tokens", .array([])),
            .init("id_slot", 0), .init("stop", true), .init("model", .string(context.modelName)),
            .init("tokens_predicted", .int(predicted)), .init("tokens_evaluated", .int(plan.promptTokens)),
            .init("has_new_line", .bool(content.contains("\n"))), .init("truncated", false),
            .init("stop_type", .string(plan.truncated ? "limit" : "eos")), .init("stopping_word", ""),
            .init("tokens_cached", 0), .init("timings", timingsJSON),
        ]
    }

    private func probability(_ logprob: TokenLogprob, _ top: Int) -> SimJSON {
        [
            "id": .int(SimEncoding.tokenID(logprob.token)), "token": .string(logprob.token),
            "bytes": SimEncoding.bytes(logprob.token), "logprob": .double(logprob.logprob),
            "top_logprobs": .array(
                logprob.top.prefix(top).map {
                    [
                        "id": .int(SimEncoding.tokenID($0.token)), "token": .string($0.token),
                        "bytes": SimEncoding.bytes($0.token), "logprob": .double($0.logprob),
                    ]
                }),
        ]
    }
}
