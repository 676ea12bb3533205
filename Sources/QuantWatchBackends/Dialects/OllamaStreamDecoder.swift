import QuantWatchDomain

/// Decodes Ollama's `/api/chat` NDJSON stream; the `done` line carries counts and nanosecond durations.
struct OllamaStreamDecoder: StreamDecoder {
    struct Line: Decodable {
        struct Message: Decodable {
            var content: String?
            var thinking: String?
        }

        var message: Message?
        var done: Bool?
        var evalCount: Int?
        var evalDuration: Double?
        var promptEvalCount: Int?
        var promptEvalDuration: Double?
        var loadDuration: Double?
        var error: StreamErrorPayload?
    }

    let framing = StreamFraming.ndjson
    private let json = JSONPayload()

    mutating func decode(
        event: String?, payload: UnsafeRawBufferPointer, at instant: ContinuousClock.Instant,
        into accumulator: inout GenerationAccumulator
    ) throws(AttemptFailure) {
        let line = try json.decode(Line.self, payload, dialect: "Ollama")
        if let error = line.error { throw error.failure }
        if let thinking = line.message?.thinking { accumulator.reasoning(thinking, at: instant) }
        if let content = line.message?.content { accumulator.content(content, at: instant) }
        guard line.done == true else { return }
        accumulator.finished = true
        if let count = line.evalCount { accumulator.usageOutputTokens = count }
        if let count = line.promptEvalCount { accumulator.inputTokens = count }
        accumulator.serverTimings = ServerTimings(
            promptMilliseconds: line.promptEvalDuration.map { $0 / 1e6 }, promptTokens: line.promptEvalCount,
            predictedMilliseconds: line.evalDuration.map { $0 / 1e6 }, predictedTokens: line.evalCount,
            loadMilliseconds: line.loadDuration.map { $0 / 1e6 })
    }
}
