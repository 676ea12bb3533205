/// Everything the screen and the outputs show about one target, frozen at one moment.
public struct TargetSnapshot: Sendable, Equatable, Identifiable {
    public var id: String
    public var backend: BackendKind
    public var model: String
    public var quant: String
    public var baseline: String?
    /// How the baseline is named when it is a recording ("recorded llama-f16, 2026-11-20"); nil for a live one.
    public var baselineLabel: String?
    /// Canaries the recorded baseline cannot pair (not recorded, or prompt changed since): left out of every figure.
    public var unpaired: [UnpairedCanary]
    /// The recorded baseline's run-to-run agreement with itself, shown beside the target's agreement.
    public var baselineNoiseFloor: NoiseFloor?
    public var state: AlertState
    /// Rules currently firing, as sentences (for the detail view and JSON).
    public var reasons: [String]
    public var windows: [MetricWindow: WindowStats]
    /// Quality over all canaries ("all") and per category, against the baseline where there is one.
    public var overall: CategoryQuality
    public var categories: [CategoryQuality]
    public var verdict: Verdict?
    /// Oldest first; one point per snapshot tick.
    public var history: [LatencyPoint]
    /// One row per minute with probes over the last hour, oldest first (the detail view's history).
    public var minutes: [HistoryBucket]
    public var lastAnswers: [AnswerPair]
    public var lastError: ProbeFailure?
    public var consecutiveFailures: Int
    /// Scheduled probes skipped since start because the previous probe ran past their time (no catch-up bursts).
    public var skippedTicks: Int
    public var price: Price?
    public var paused: Bool
    /// The runtime's own figures (queue, cache, server latency, response timings); nil when it publishes none.
    public var runtime: RuntimeSnapshot?
    /// The target's latency objectives, and per window the share of probes meeting them (empty without one).
    public var slo: ServiceLevelObjective?
    public var goodput: [MetricWindow: Goodput]

    public init(
        id: String, backend: BackendKind, model: String, quant: String, baseline: String? = nil,
        baselineLabel: String? = nil, unpaired: [UnpairedCanary] = [], baselineNoiseFloor: NoiseFloor? = nil,
        state: AlertState = .unknown, reasons: [String] = [], windows: [MetricWindow: WindowStats] = [:],
        overall: CategoryQuality = CategoryQuality(category: "all", accuracy: .empty),
        categories: [CategoryQuality] = [], verdict: Verdict? = nil, history: [LatencyPoint] = [],
        minutes: [HistoryBucket] = [], lastAnswers: [AnswerPair] = [], lastError: ProbeFailure? = nil,
        consecutiveFailures: Int = 0, skippedTicks: Int = 0, price: Price? = nil, paused: Bool = false,
        runtime: RuntimeSnapshot? = nil, slo: ServiceLevelObjective? = nil, goodput: [MetricWindow: Goodput] = [:]
    ) {
        self.id = id
        self.backend = backend
        self.model = model
        self.quant = quant
        self.baseline = baseline
        self.baselineLabel = baselineLabel
        self.unpaired = unpaired
        self.baselineNoiseFloor = baselineNoiseFloor
        self.state = state
        self.reasons = reasons
        self.windows = windows
        self.overall = overall
        self.categories = categories
        self.verdict = verdict
        self.history = history
        self.minutes = minutes
        self.lastAnswers = lastAnswers
        self.lastError = lastError
        self.consecutiveFailures = consecutiveFailures
        self.skippedTicks = skippedTicks
        self.price = price
        self.paused = paused
        self.runtime = runtime
        self.slo = slo
        self.goodput = goodput
    }

    /// Stats for a window, empty when none were kept.
    public func stats(_ window: MetricWindow) -> WindowStats { windows[window] ?? .empty }

    /// How the baseline is shown: the recording's label, else the baseline target's id.
    public var baselineName: String? { baselineLabel ?? baseline }
}
