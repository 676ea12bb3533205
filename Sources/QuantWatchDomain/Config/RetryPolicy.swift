/// Exponential backoff with full jitter; retries are counted, never a new sample.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts after the first one.
    public var maxRetries: Int
    /// Base of the exponential backoff (attempt n waits up to base * 2^n).
    public var baseDelay: Duration
    /// Upper bound on any single wait, `Retry-After` included.
    public var maxDelay: Duration

    public init(maxRetries: Int = 2, baseDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(10)) {
        self.maxRetries = maxRetries
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }
}
