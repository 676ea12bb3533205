/// Quality of one target in one canary category (or "all"), against its baseline where it has one.
///
/// `accuracy` is the target's rolling accuracy (the last few scored answers of each canary, with a Wilson
/// interval). Everything compared with the baseline is **paired**: taken over the canaries both sides answered,
/// each canary once, with each side's latest answer, so Δ, agreement and drift rest on the same pairs, and a
/// target that answers every canary as its baseline has Δ = 0 and agreement 100%.
public struct CategoryQuality: Sendable, Equatable, Codable {
    public var category: String
    public var accuracy: AccuracyStats
    /// The baseline's accuracy over the scored pairs (its latest answers to the target's paired canaries).
    public var baselineAccuracy: AccuracyStats?
    /// The paired table; nil without a baseline.
    public var paired: PairedCounts?
    /// (target − baseline) accuracy over the scored pairs, in points.
    public var deltaPoints: Double?
    /// Newcombe interval of the paired Δ at the fleet's confidence, in points.
    public var deltaLow: Double?
    public var deltaHigh: Double?
    /// One-sided mid-p McNemar p-value that the target is worse than its baseline.
    public var worsePValue: Double?
    /// Share of paired canaries whose normalised answer equals the baseline's.
    public var answerAgreement: Double?
    /// Mean share of generated tokens whose top-1 matches the baseline's, up to the first divergence.
    public var top1Agreement: Double?
    /// Mean KL divergence over top-k + OTHER bucket against the baseline.
    public var meanKLD: Double?
    /// Canaries paired with a baseline answer.
    public var pairs: Int
    /// Severities from the target's own thresholds and the evidence (unknown: too few pairs or no baseline).
    public var deltaSeverity: AlertState
    public var agreementSeverity: AlertState
    public var kldSeverity: AlertState

    public init(
        category: String, accuracy: AccuracyStats, baselineAccuracy: AccuracyStats? = nil,
        paired: PairedCounts? = nil, deltaPoints: Double? = nil, deltaLow: Double? = nil, deltaHigh: Double? = nil,
        worsePValue: Double? = nil, answerAgreement: Double? = nil, top1Agreement: Double? = nil,
        meanKLD: Double? = nil, pairs: Int = 0, deltaSeverity: AlertState = .unknown,
        agreementSeverity: AlertState = .unknown, kldSeverity: AlertState = .unknown
    ) {
        self.category = category
        self.accuracy = accuracy
        self.baselineAccuracy = baselineAccuracy
        self.paired = paired
        self.deltaPoints = deltaPoints
        self.deltaLow = deltaLow
        self.deltaHigh = deltaHigh
        self.worsePValue = worsePValue
        self.answerAgreement = answerAgreement
        self.top1Agreement = top1Agreement
        self.meanKLD = meanKLD
        self.pairs = pairs
        self.deltaSeverity = deltaSeverity
        self.agreementSeverity = agreementSeverity
        self.kldSeverity = kldSeverity
    }
}
