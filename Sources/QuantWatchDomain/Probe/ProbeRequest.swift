/// What one probe asks of a backend: a canary, deterministically.
public struct ProbeRequest: Sendable, Equatable {
    public var canary: Canary
    public var seed: Int
    /// Ask for this many alternatives per token (0: no logprobs).
    public var topLogprobs: Int

    public init(canary: Canary, seed: Int = 42, topLogprobs: Int = 0) {
        self.canary = canary
        self.seed = seed
        self.topLogprobs = topLogprobs
    }
}
