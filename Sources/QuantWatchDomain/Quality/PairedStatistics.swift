import Foundation

/// Tests and intervals for paired right/wrong answers.
public enum PairedStatistics {
    /// z for a two-sided interval at `confidence` (0.95 → 1.96), by bisection on the normal tail.
    public static func zValue(confidence: Double) -> Double {
        let tail = (1 - Swift.min(Swift.max(confidence, 0.5), 0.999_999)) / 2
        var low = 0.0
        var high = 10.0
        for _ in 0..<80 {
            let middle = (low + high) / 2
            if 0.5 * erfc(middle / 2.0.squareRoot()) > tail { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }

    /// One-sided mid-p McNemar test that the target is *worse* than its baseline: under "no difference" each
    /// discordant pair is a regression with probability 1/2. 1 without discordant pairs.
    public static func mcNemarWorse(_ counts: PairedCounts) -> Double {
        guard counts.discordant > 0 else { return 1 }
        return BinomialTail.midPAbove(counts.regressions, trials: counts.discordant, p: 0.5)
    }

    /// Two-sided exact (conditional) McNemar p-value, the textbook one: 2 × P(X <= min(b, c)), at most 1.
    public static func mcNemarExactTwoSided(_ counts: PairedCounts) -> Double {
        guard counts.discordant > 0 else { return 1 }
        let smaller = Swift.min(counts.improvements, counts.regressions)
        return Swift.min(1, 2 * BinomialTail.atMost(smaller, trials: counts.discordant, p: 0.5))
    }

    /// Newcombe's hybrid score interval (his method 10, 1998) for the difference of paired proportions
    /// target − baseline, in points; nil without scored pairs.
    public static func deltaInterval(_ counts: PairedCounts, confidence: Double) -> (low: Double, high: Double)? {
        let n = counts.scored
        guard n > 0 else { return nil }
        let z = zValue(confidence: confidence)
        let total = Double(n)
        let e = Double(counts.bothRight)
        let f = Double(counts.improvements)
        let g = Double(counts.regressions)
        let h = Double(counts.bothWrong)
        let targetRate = (e + f) / total
        let baselineRate = (e + g) / total
        let target = WilsonInterval.bounds(successes: counts.bothRight + counts.improvements, total: n, z: z)
        let baseline = WilsonInterval.bounds(successes: counts.bothRight + counts.regressions, total: n, z: z)
        let denominator = ((e + f) * (g + h) * (e + g) * (f + h)).squareRoot()
        let phi = denominator == 0 ? 0 : (e * h - f * g) / denominator
        let delta = targetRate - baselineRate
        let lowTerm =
            pow(targetRate - target.low, 2) - 2 * phi * (targetRate - target.low) * (baseline.high - baselineRate)
            + pow(baseline.high - baselineRate, 2)
        let highTerm =
            pow(target.high - targetRate, 2) - 2 * phi * (target.high - targetRate) * (baselineRate - baseline.low)
            + pow(baselineRate - baseline.low, 2)
        let low = Swift.max(-1, delta - Swift.max(lowTerm, 0).squareRoot())
        let high = Swift.min(1, delta + Swift.max(highTerm, 0).squareRoot())
        return (low * 100, high * 100)
    }
}
