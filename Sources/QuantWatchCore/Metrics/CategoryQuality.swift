/// Quality of one target in one canary category (or "all"), against its baseline where it has one.
public struct CategoryQuality: Sendable, Equatable, Codable {
    public var category: String
    public var accuracy: AccuracyStats
    public var baselineAccuracy: AccuracyStats?
    /// (accuracy - baseline accuracy) * 100, in points.
    public var deltaPoints: Double?
    /// Share of paired canaries whose normalised answer equals the baseline's.
    public var answerAgreement: Double?
    /// Mean share of generated tokens whose top-1 matches the baseline's, up to the first divergence.
    public var top1Agreement: Double?
    /// Mean KL divergence over top-k + OTHER bucket against the baseline.
    public var meanKLD: Double?
    /// Canaries paired with a baseline answer.
    public var pairs: Int

    public init(
        category: String, accuracy: AccuracyStats, baselineAccuracy: AccuracyStats? = nil, deltaPoints: Double? = nil,
        answerAgreement: Double? = nil, top1Agreement: Double? = nil, meanKLD: Double? = nil, pairs: Int = 0
    ) {
        self.category = category
        self.accuracy = accuracy
        self.baselineAccuracy = baselineAccuracy
        self.deltaPoints = deltaPoints
        self.answerAgreement = answerAgreement
        self.top1Agreement = top1Agreement
        self.meanKLD = meanKLD
        self.pairs = pairs
    }
}
