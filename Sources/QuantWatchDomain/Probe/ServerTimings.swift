/// Timings the server reports about itself (llama.cpp `timings`, Ollama `*_duration`), for cross-checks.
public struct ServerTimings: Sendable, Equatable, Codable {
    public var promptMilliseconds: Double?
    public var promptTokens: Int?
    public var predictedMilliseconds: Double?
    public var predictedTokens: Int?
    /// Ollama's `load_duration`: loading the model before the prompt (milliseconds; nil where not reported).
    public var loadMilliseconds: Double?

    enum CodingKeys: String, CodingKey {
        case promptMilliseconds = "prompt_ms"
        case promptTokens = "prompt_n"
        case predictedMilliseconds = "predicted_ms"
        case predictedTokens = "predicted_n"
        case loadMilliseconds = "load_ms"
    }

    public init(
        promptMilliseconds: Double? = nil, promptTokens: Int? = nil, predictedMilliseconds: Double? = nil,
        predictedTokens: Int? = nil, loadMilliseconds: Double? = nil
    ) {
        self.promptMilliseconds = promptMilliseconds
        self.promptTokens = promptTokens
        self.predictedMilliseconds = predictedMilliseconds
        self.predictedTokens = predictedTokens
        self.loadMilliseconds = loadMilliseconds
    }

    /// Decode speed as the server measured it.
    public var predictedTokensPerSecond: Double? {
        guard let ms = predictedMilliseconds, let n = predictedTokens, ms > 0 else { return nil }
        return Double(n) / ms * 1000
    }

    /// Prompt evaluation speed as the server measured it.
    public var promptTokensPerSecond: Double? {
        guard let ms = promptMilliseconds, let n = promptTokens, ms > 0 else { return nil }
        return Double(n) / ms * 1000
    }
}
