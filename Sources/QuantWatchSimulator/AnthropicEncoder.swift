/// Anthropic `/v1/messages`: message_start, content_block_start, ping, text deltas, content_block_stop,
/// message_delta with the cumulative `usage.output_tokens`, message_stop; errors typed (`overloaded_error` 529).
struct AnthropicEncoder: SimResponseEncoder {
    var streamContentType: String { "text/event-stream" }
    var defaultErrorStatus: Int { 529 }

    func prologue(_ context: SimResponseContext) -> String {
        let message: SimJSON = [
            "id": .string(context.responseID), "type": "message", "role": "assistant",
            "model": .string(context.modelName), "content": .array([]), "stop_reason": .null, "stop_sequence": .null,
            "usage": ["input_tokens": .int(context.plan.promptTokens), "output_tokens": 1],
        ]
        return SimEncoding.sse(["type": "message_start", "message": message], event: "message_start")
            + SimEncoding.sse(
                ["type": "content_block_start", "index": 0, "content_block": ["type": "text", "text": ""]],
                event: "content_block_start")
            + SimEncoding.sse(["type": "ping"], event: "ping")
    }

    func token(_ index: Int, _ context: SimResponseContext) -> String {
        SimEncoding.sse(
            [
                "type": "content_block_delta", "index": 0,
                "delta": ["type": "text_delta", "text": .string(context.plan.tokens[index])],
            ], event: "content_block_delta")
    }

    func epilogue(_ context: SimResponseContext, _ timings: SimMeasuredTimings) -> String {
        let reason = SimEncoding.reason(context.plan, stop: "end_turn", length: "max_tokens")
        return SimEncoding.sse(["type": "content_block_stop", "index": 0], event: "content_block_stop")
            + SimEncoding.sse(
                [
                    "type": "message_delta", "delta": ["stop_reason": .string(reason), "stop_sequence": .null],
                    "usage": ["output_tokens": .int(context.plan.tokens.count)],
                ], event: "message_delta")
            + SimEncoding.sse(["type": "message_stop"], event: "message_stop")
    }

    func malformedChunk(_ context: SimResponseContext) -> String {
        "event: content_block_delta\n"
            + "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_\n\n"
    }

    func fullBody(_ context: SimResponseContext, _ timings: SimMeasuredTimings) -> String {
        let json: SimJSON = [
            "id": .string(context.responseID), "type": "message", "role": "assistant",
            "model": .string(context.modelName),
            "content": .array([["type": "text", "text": .string(context.plan.text)]]),
            "stop_reason": .string(SimEncoding.reason(context.plan, stop: "end_turn", length: "max_tokens")),
            "stop_sequence": .null,
            "usage": [
                "input_tokens": .int(context.plan.promptTokens), "output_tokens": .int(context.plan.tokens.count),
            ],
        ]
        return json.text
    }

    func errorBody(status: Int, message: String) -> String {
        let type: String
        switch status {
        case 529: type = "overloaded_error"
        case 429: type = "rate_limit_error"
        case 401: type = "authentication_error"
        case 404: type = "not_found_error"
        case 400..<500: type = "invalid_request_error"
        default: type = "api_error"
        }
        let json: SimJSON = ["type": "error", "error": ["type": .string(type), "message": .string(message)]]
        return json.text
    }
}
