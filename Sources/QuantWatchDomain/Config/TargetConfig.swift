/// One model endpoint to probe, fully resolved (fleet defaults applied).
public struct TargetConfig: Sendable, Equatable, Identifiable {
    public var id: String
    public var backend: BackendKind
    /// Base URL, for example `http://127.0.0.1:8080` (OpenAI: with or without `/v1`).
    public var url: String
    /// Model name sent in the request body (OpenAI, Ollama, Anthropic).
    public var model: String
    /// Quantization label shown on screen: F16, Q8_0, Q4_K_M, ...
    public var quant: String
    /// Id of the target this one is compared against; with `baseline_file`, the recording's `baselineID`.
    public var baseline: String?
    /// The recorded baseline (`baseline_file`) this target is compared against, loaded at config load.
    public var recordedBaseline: RecordedBaseline?
    /// Name of the environment variable holding the API key; the key itself is never stored here.
    public var apiKeyEnv: String?
    public var interval: Duration
    public var timeouts: Timeouts
    public var retry: RetryPolicy
    /// Ask for token log-probabilities with this many alternatives (0: none).
    public var topLogprobs: Int
    public var seed: Int
    /// Canary suites (by resolved path) this target runs.
    public var suitePaths: [String]
    public var alerts: AlertThresholds
    public var price: Price?
    /// Extra request headers (never secrets: those come from `apiKeyEnv`).
    public var headers: [String: String]
    /// The runtime's own metrics endpoint (`metrics_url`); see `metricsURL` for what is scraped.
    public var metrics: MetricsEndpoint
    /// Time between scrapes of `metricsURL` (`metrics_interval`); nil: the probe interval (at most one a second).
    public var metricsInterval: Duration?
    /// Latency objectives for goodput (`slo`); nil: no goodput.
    public var slo: ServiceLevelObjective?

    public init(
        id: String, backend: BackendKind, url: String, model: String = "", quant: String = "",
        baseline: String? = nil, apiKeyEnv: String? = nil, interval: Duration = .seconds(15),
        timeouts: Timeouts = Timeouts(), retry: RetryPolicy = RetryPolicy(), topLogprobs: Int = 0, seed: Int = 42,
        suitePaths: [String] = [], alerts: AlertThresholds = AlertThresholds(), price: Price? = nil,
        headers: [String: String] = [:], metrics: MetricsEndpoint = .automatic, metricsInterval: Duration? = nil,
        slo: ServiceLevelObjective? = nil, recordedBaseline: RecordedBaseline? = nil
    ) {
        self.id = id
        self.backend = backend
        self.url = url
        self.model = model
        self.quant = quant
        self.baseline = baseline
        self.apiKeyEnv = apiKeyEnv
        self.interval = interval
        self.timeouts = timeouts
        self.retry = retry
        self.topLogprobs = topLogprobs
        self.seed = seed
        self.suitePaths = suitePaths
        self.alerts = alerts
        self.price = price
        self.headers = headers
        self.metrics = metrics
        self.metricsInterval = metricsInterval
        self.slo = slo
        self.recordedBaseline = recordedBaseline
        if let recordedBaseline { self.baseline = recordedBaseline.baselineID }
    }

    /// The metrics endpoint scraped for this target, or nil when there is none (off, or a hosted API).
    public var metricsURL: String? { metrics.resolved(for: self) }
}
