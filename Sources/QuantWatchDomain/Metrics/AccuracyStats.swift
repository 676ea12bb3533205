/// A rolling share of right answers with its Wilson 95% interval.
public struct AccuracyStats: Sendable, Equatable, Codable {
    public var correct: Int
    public var total: Int
    /// Wilson score interval bounds (0...1).
    public var wilsonLow: Double
    public var wilsonHigh: Double

    public init(correct: Int, total: Int, wilsonLow: Double, wilsonHigh: Double) {
        self.correct = correct
        self.total = total
        self.wilsonLow = wilsonLow
        self.wilsonHigh = wilsonHigh
    }

    public static let empty = AccuracyStats(correct: 0, total: 0, wilsonLow: 0, wilsonHigh: 1)

    /// correct / total, nil with no samples.
    public var rate: Double? { total == 0 ? nil : Double(correct) / Double(total) }
}
