/// The Wilson score interval for a binomial proportion (here: share of right canary answers).
public enum WilsonInterval {
    /// z for a two-sided 95% interval (the 97.5th percentile of the standard normal).
    public static let z95 = 1.959963984540054

    /// Bounds (0...1) of the interval for `successes` out of `total`; [0, 1] when there are no trials.
    public static func bounds(successes: Int, total: Int, z: Double = z95) -> (low: Double, high: Double) {
        guard total > 0 else { return (0, 1) }
        let n = Double(total)
        let p = Double(Swift.min(Swift.max(successes, 0), total)) / n
        let z2 = z * z
        let denominator = 1 + z2 / n
        let center = (p + z2 / (2 * n)) / denominator
        let half = z / denominator * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        // Clamp: at p = 0 or 1 the bound is mathematically exact but can fall a rounding error outside 0...1.
        return (Swift.max(0, center - half), Swift.min(1, center + half))
    }
}
