/// A successful streamed generation with its timings, all measured from t0 (just before the request is written).
public struct Generation: Sendable, Equatable {
    /// Generated text (content chunks concatenated).
    public var text: String
    /// Time to the first response byte.
    public var ttfb: Duration
    /// Time to the first chunk with non-empty generated content.
    public var ttft: Duration
    /// Time to the last content chunk (or end of a non-streamed body).
    public var e2e: Duration
    /// From the server's usage block when present (last one, never summed), else the count of content chunks.
    public var outputTokens: Int
    public var inputTokens: Int?
    /// Per-token logprobs, when asked for and supported.
    public var logprobs: [TokenLogprob]
    public var serverTimings: ServerTimings?
    /// Attempts made before this one succeeded.
    public var retries: Int
    /// OpenAI-style `system_fingerprint` of the response, when the server sends one.
    public var systemFingerprint: String?
    /// The model the response says served it (OpenAI-style `model`), when given.
    public var servedModel: String?

    public init(
        text: String, ttfb: Duration, ttft: Duration, e2e: Duration, outputTokens: Int, inputTokens: Int? = nil,
        logprobs: [TokenLogprob] = [], serverTimings: ServerTimings? = nil, retries: Int = 0,
        systemFingerprint: String? = nil, servedModel: String? = nil
    ) {
        self.text = text
        self.ttfb = ttfb
        self.ttft = ttft
        self.e2e = e2e
        self.outputTokens = outputTokens
        self.inputTokens = inputTokens
        self.logprobs = logprobs
        self.serverTimings = serverTimings
        self.retries = retries
        self.systemFingerprint = systemFingerprint
        self.servedModel = servedModel
    }

    /// (E2E - TTFT) / (output tokens - 1); nil below two tokens.
    public var tpot: Duration? {
        guard outputTokens >= 2 else { return nil }
        return (e2e - ttft) / (outputTokens - 1)
    }

    /// Decode tokens per second: output tokens / (E2E - TTFT).
    public var decodeTokensPerSecond: Double? {
        let decode = (e2e - ttft).seconds
        guard outputTokens >= 2, decode > 0 else { return nil }
        return Double(outputTokens) / decode
    }
}

extension Duration {
    /// The duration as a Double of seconds.
    public var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }

    /// The duration as a Double of milliseconds.
    public var milliseconds: Double { seconds * 1000 }
}
