/// The figures of one target that one alert evaluation looks at.
public struct AlertInput: Sendable, Equatable {
    /// Window of the p99 and error-rate rules.
    public static let window: MetricWindow = .fiveMinutes

    /// End-to-end p99 in milliseconds over `window`, and how many samples it rests on (0: no data).
    public var p99Milliseconds: Double
    public var latencySamples: Int
    /// Probes and failures over `window`.
    public var recent: ErrorWindowCounts
    /// Baseline accuracy minus target accuracy, in points; nil without a baseline or data on either side.
    public var accuracyDropPoints: Double?
    public var baselineID: String?
    /// Share of paired canaries agreeing with the baseline, and how many pairs; nil without pairs.
    public var answerAgreement: Double?
    public var agreementPairs: Int
    public var consecutiveFailures: Int
    /// Whether the target produced any result yet (the down rule needs one).
    public var hasResults: Bool
    public var lastErrorClass: ErrorClass?
    /// Counts over the burn-rate windows.
    public var burn: BurnWindows

    public init(
        p99Milliseconds: Double = 0, latencySamples: Int = 0, recent: ErrorWindowCounts = ErrorWindowCounts(),
        accuracyDropPoints: Double? = nil, baselineID: String? = nil, answerAgreement: Double? = nil,
        agreementPairs: Int = 0, consecutiveFailures: Int = 0, hasResults: Bool = false,
        lastErrorClass: ErrorClass? = nil, burn: BurnWindows = BurnWindows()
    ) {
        self.p99Milliseconds = p99Milliseconds
        self.latencySamples = latencySamples
        self.recent = recent
        self.accuracyDropPoints = accuracyDropPoints
        self.baselineID = baselineID
        self.answerAgreement = answerAgreement
        self.agreementPairs = agreementPairs
        self.consecutiveFailures = consecutiveFailures
        self.hasResults = hasResults
        self.lastErrorClass = lastErrorClass
        self.burn = burn
    }
}
