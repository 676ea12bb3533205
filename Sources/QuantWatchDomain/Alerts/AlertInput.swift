/// The figures of one target that one alert evaluation looks at.
public struct AlertInput: Sendable, Equatable {
    /// Window of the p99 and error-rate rules.
    public static let window: MetricWindow = .fiveMinutes

    /// End-to-end p99 in milliseconds over `window`, and how many samples it rests on (0: no data).
    public var p99Milliseconds: Double
    public var latencySamples: Int
    /// Probes and failures over `window`.
    public var recent: ErrorWindowCounts
    public var baselineID: String?
    /// Quality against the baseline: overall first, then per category (empty without a baseline).
    public var quality: [CategoryQuality]
    public var consecutiveFailures: Int
    /// Whether the target produced any result yet (the down rule needs one).
    public var hasResults: Bool
    public var lastErrorClass: ErrorClass?
    /// Counts over the burn-rate windows.
    public var burn: BurnWindows
    /// Against a recording of the target itself: the evidence of the baseline_drift rule (nil otherwise).
    public var drift: BaselineDriftInput?
    /// The runtime's queue now against a minute before (`queue 6, was 0`), where its metrics are scraped: tells a
    /// p99 that rose with the queue from one that rose with the queue flat.
    public var queueNote: String?

    public init(
        p99Milliseconds: Double = 0, latencySamples: Int = 0, recent: ErrorWindowCounts = ErrorWindowCounts(),
        baselineID: String? = nil, quality: [CategoryQuality] = [], consecutiveFailures: Int = 0,
        hasResults: Bool = false, lastErrorClass: ErrorClass? = nil, burn: BurnWindows = BurnWindows(),
        drift: BaselineDriftInput? = nil, queueNote: String? = nil
    ) {
        self.queueNote = queueNote
        self.p99Milliseconds = p99Milliseconds
        self.latencySamples = latencySamples
        self.recent = recent
        self.baselineID = baselineID
        self.quality = quality
        self.consecutiveFailures = consecutiveFailures
        self.hasResults = hasResults
        self.lastErrorClass = lastErrorClass
        self.burn = burn
        self.drift = drift
    }
}
