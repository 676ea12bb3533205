/// One kind of misbehaviour a simulated model can be told to show.
public enum Fault: Sendable, Equatable {
    /// Adds `add` to the time to first token and multiplies every delay by `multiply`, on `share` of requests.
    case latency(add: Duration, multiply: Double, share: Double)
    /// Answers `share` of requests with an HTTP error; nil status: the dialect's usual one (500, Anthropic 529).
    case errors(share: Double, status: Int?)
    /// Answers `share` of requests with 429 and a `Retry-After` header.
    case rateLimit(share: Double, retryAfter: Duration)
    /// Stops sending (connection left open) after `afterTokens` tokens on `share` of requests.
    case stall(share: Double, afterTokens: Int)
    /// Sends a broken JSON chunk (or body) on `share` of requests.
    case malformed(share: Double)
    /// Resets the TCP connection (RST) after `afterTokens` tokens on `share` of requests.
    case reset(share: Double, afterTokens: Int)
    /// Refuses connections: the model's listener is closed for the window (connect gets ECONNREFUSED) and
    /// reopened on the same port after it; a request still arriving on an open connection is reset unanswered.
    case refuse
    /// Lowers the probability of a right answer by `points` (0...100) in `category` (nil: every category).
    case accuracyDrop(category: String?, points: Double)
    /// Other traffic in the runtime's queue: `/metrics` shows `depth` more requests waiting, and every request
    /// waits `wait` before it is served (as behind a busy batch).
    case queue(depth: Int, wait: Duration)

    /// The name used in fault scripts.
    public var name: String {
        switch self {
        case .latency: "latency"
        case .errors: "errors"
        case .rateLimit: "rate_limit"
        case .stall: "stall"
        case .malformed: "malformed"
        case .reset: "reset"
        case .refuse: "refuse"
        case .accuracyDrop: "accuracy_drop"
        case .queue: "queue"
        }
    }

    /// Every name a fault script accepts.
    public static let names = [
        "latency", "errors", "rate_limit", "stall", "malformed", "reset", "refuse", "accuracy_drop", "queue",
    ]
}
