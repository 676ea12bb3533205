import Foundation

/// How a perplexity figure was obtained.
public enum PerplexityMethod: String, Sendable, Equatable, Codable {
    /// vLLM's `prompt_logprobs` on `/v1/completions`.
    case promptLogprobs = "prompt_logprobs"
    /// OpenAI-style legacy completions with `echo` + `logprobs`.
    case echo
    /// llama.cpp's `llama-perplexity` on the GGUF file a local llama-server has loaded.
    case llamaPerplexity = "llama-perplexity"
}

/// Perplexity of one target over its suites' reference texts, or why there is none.
public struct PerplexityMeasurement: Sendable, Equatable {
    /// exp(mean negative log-likelihood per scored token); nil: not available (see `note`).
    public var perplexity: Double?
    public var method: PerplexityMethod?
    /// Tokens whose log-probability went into the figure (0 when unknown).
    public var tokens: Int
    /// Why the figure is missing, when it is.
    public var note: String?

    public init(perplexity: Double?, method: PerplexityMethod?, tokens: Int = 0, note: String? = nil) {
        self.perplexity = perplexity
        self.method = method
        self.tokens = tokens
        self.note = note
    }

    public static func unavailable(_ reason: String) -> PerplexityMeasurement {
        PerplexityMeasurement(perplexity: nil, method: nil, note: reason)
    }

    /// Token-weighted perplexity of log-probabilities (natural log) of scored tokens; nil for none.
    public static func perplexity(logprobs: [Double]) -> Double? {
        guard !logprobs.isEmpty else { return nil }
        return exp(-logprobs.reduce(0, +) / Double(logprobs.count))
    }

    /// (target - baseline) / baseline in percent, when both are known and measured the same way.
    public static func deltaPercent(baseline: PerplexityMeasurement, target: PerplexityMeasurement) -> Double? {
        guard let base = baseline.perplexity, let quant = target.perplexity, base > 0,
            baseline.method == target.method
        else { return nil }
        return (quant - base) / base * 100
    }
}
