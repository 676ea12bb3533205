/// Decodes Anthropic Messages API events; `output_tokens` is cumulative, so the last count wins.
struct AnthropicStreamDecoder: StreamDecoder {
    struct Event: Decodable {
        struct Usage: Decodable {
            var inputTokens: Int?
            var outputTokens: Int?
        }

        struct Message: Decodable {
            var usage: Usage?
        }

        struct Delta: Decodable {
            var type: String?
            var text: String?
            var thinking: String?
        }

        struct ErrorBody: Decodable {
            var type: String?
            var message: String?
        }

        var type: String?
        var message: Message?
        var delta: Delta?
        var usage: Usage?
        var error: ErrorBody?
    }

    let framing = StreamFraming.sse
    private let json = JSONPayload()

    mutating func decode(
        event: String?, payload: UnsafeRawBufferPointer, at instant: ContinuousClock.Instant,
        into accumulator: inout GenerationAccumulator
    ) throws(AttemptFailure) {
        let decoded = try json.decode(Event.self, payload, dialect: "Anthropic")
        switch decoded.type ?? event ?? "" {
        case "message_start":
            if let input = decoded.message?.usage?.inputTokens { accumulator.inputTokens = input }
            if let output = decoded.message?.usage?.outputTokens { accumulator.usageOutputTokens = output }
        case "content_block_delta":
            if let text = decoded.delta?.text { accumulator.content(text, at: instant) }
            if let thinking = decoded.delta?.thinking { accumulator.reasoning(thinking, at: instant) }
        case "message_delta":
            if let output = decoded.usage?.outputTokens { accumulator.usageOutputTokens = output }
            if let input = decoded.usage?.inputTokens { accumulator.inputTokens = input }
        case "message_stop":
            accumulator.finished = true
        case "error":
            throw Self.failure(decoded.error)
        default:
            // ping, content_block_start/stop and future event types carry nothing we measure.
            break
        }
    }

    /// Anthropic error types mapped to the HTTP status they stand for (overloaded is 529, retried like a 5xx).
    static func failure(_ error: Event.ErrorBody?) -> AttemptFailure {
        let type = error?.type ?? "error"
        let detail = "\(type) in stream: \(error?.message ?? "")"
        let status: Int =
            switch type {
            case "overloaded_error": 529
            case "api_error": 500
            case "rate_limit_error": 429
            case "timeout_error": 504
            case "authentication_error": 401
            case "permission_error": 403
            case "not_found_error": 404
            case "request_too_large": 413
            default: 400
            }
        return AttemptFailure.status(status, detail: detail)
    }
}
