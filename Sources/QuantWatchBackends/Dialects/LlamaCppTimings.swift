import QuantWatchDomain

/// llama.cpp's `timings` block (also sent by its OpenAI endpoint).
struct LlamaCppTimings: Decodable, Sendable {
    var promptN: Int?
    var promptMs: Double?
    var predictedN: Int?
    var predictedMs: Double?

    var serverTimings: ServerTimings {
        ServerTimings(
            promptMilliseconds: promptMs, promptTokens: promptN, predictedMilliseconds: predictedMs,
            predictedTokens: predictedN)
    }
}
