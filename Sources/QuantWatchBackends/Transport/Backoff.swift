import QuantWatchDomain

/// Wait before a retry: exponential backoff with full jitter, or the server's `Retry-After`; capped by maxDelay.
enum Backoff {
    /// The wait before retry number `retry` (0 for the first retry).
    /// - Parameter unit: a uniform random number in 0...1 (injected so tests are exact).
    static func delay(retry: Int, policy: RetryPolicy, retryAfter: Duration?, unit: Double) -> Duration {
        if let retryAfter {
            return min(retryAfter, policy.maxDelay)
        }
        let ceiling = min(policy.baseDelay * (1 << min(max(retry, 0), 30)), policy.maxDelay)
        let fraction = min(max(unit, 0), 1)
        return ceiling * fraction
    }
}
