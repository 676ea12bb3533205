extension AccuracyStats {
    /// Counts with their Wilson 95% interval.
    public init(correct: Int, total: Int) {
        let bounds = WilsonInterval.bounds(successes: correct, total: total)
        self.init(correct: correct, total: total, wilsonLow: bounds.low, wilsonHigh: bounds.high)
    }
}
