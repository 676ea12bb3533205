/// Where alert transitions go besides the screen: a webhook (POST JSON) and/or an `on_alert` shell command.
public struct AlertDeliveryConfiguration: Sendable, Equatable {
    /// http(s) URL that receives a JSON POST per transition.
    ///
    /// Treated as a secret (Slack-style URLs embed tokens):
    /// logs show only its scheme and host.
    public var webhookURL: String?
    /// Shell command run per transition (`/bin/sh -c`), with QUANTWATCH_TARGET, _RULE, _FROM, _TO, _MESSAGE, _AT.
    public var onAlert: String?
    /// Attempts per webhook delivery, the first included.
    public var webhookAttempts: Int
    /// Backoff base: attempt n waits a random time up to base * 2^n (full jitter), capped at `webhookMaxDelay`.
    public var webhookBaseDelay: Duration
    public var webhookMaxDelay: Duration
    /// Deadline of one POST.
    public var webhookTimeout: Duration
    /// Longest an `on_alert` command may run before it is killed.
    public var hookTimeout: Duration
    /// Transitions waiting per channel; beyond it the oldest are dropped (and logged).
    public var queueLimit: Int

    /// - Parameters:
    ///   - webhookURL: POST target (none).
    ///   - onAlert: shell command (none).
    ///   - webhookAttempts: tries per event (5).
    ///   - webhookBaseDelay: first backoff bound (0.5 s).
    ///   - webhookMaxDelay: largest backoff (30 s).
    ///   - webhookTimeout: per POST (10 s).
    ///   - hookTimeout: per command run (10 s).
    ///   - queueLimit: waiting events per channel (1 000).
    public init(
        webhookURL: String? = nil, onAlert: String? = nil, webhookAttempts: Int = 5,
        webhookBaseDelay: Duration = .milliseconds(500), webhookMaxDelay: Duration = .seconds(30),
        webhookTimeout: Duration = .seconds(10), hookTimeout: Duration = .seconds(10), queueLimit: Int = 1_000
    ) {
        self.webhookURL = webhookURL
        self.onAlert = onAlert
        self.webhookAttempts = max(1, webhookAttempts)
        self.webhookBaseDelay = webhookBaseDelay
        self.webhookMaxDelay = webhookMaxDelay
        self.webhookTimeout = webhookTimeout
        self.hookTimeout = hookTimeout
        self.queueLimit = max(1, queueLimit)
    }
}
