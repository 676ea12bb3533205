import QuantWatchDomain

/// Everything one simulated response will do, decided before the first byte: tokens, delays and fault.
public struct GenerationPlan: Sendable, Equatable {
    /// How the response ends (or fails).
    public enum Outcome: Sendable, Equatable {
        case complete
        case httpError(status: Int)
        case rateLimited(retryAfter: Duration)
        /// Send this many tokens, then go silent with the connection open.
        case stall(afterTokens: Int)
        /// Send this many tokens, then a broken chunk.
        case malformed(afterTokens: Int)
        /// Send this many tokens, then reset the connection.
        case reset(afterTokens: Int)
        /// Reset the connection before answering (a request that reached a refusing model on an open connection).
        case refuse
    }

    public var tokens: [String]
    /// One entry per token when logprobs were asked for, else empty.
    public var logprobs: [TokenLogprob]
    public var promptTokens: Int
    /// Wait before the first token (after the response head).
    public var firstTokenDelay: Duration
    /// Wait before each later token; `tokenDelays[i]` precedes token `i + 1`.
    public var tokenDelays: [Duration]
    /// True when generation stopped at the token limit rather than at the end of the answer.
    public var truncated: Bool
    public var outcome: Outcome
    /// The canary recognised in the prompt, if any, and whether the planned answer is right.
    public var canaryID: String?
    public var answeredRight: Bool?
    /// Time spent in the runtime's queue before the request is served (a `queue` fault): it counts in the
    /// client's TTFT and in vLLM's queue time, not in llama.cpp's `prompt_ms`.
    public var queueDelay: Duration = .zero

    /// The full answer text.
    public var text: String {
        tokens.joined()
    }

    /// Decode time the plan spends after the first token.
    public var decodeDuration: Duration {
        tokenDelays.reduce(.zero, +)
    }
}
