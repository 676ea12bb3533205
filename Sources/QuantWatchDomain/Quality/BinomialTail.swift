import Foundation

/// Exact binomial probabilities, summed in log space so that thousands of trials neither overflow nor underflow.
public enum BinomialTail {
    /// P(X = k) for X ~ Binomial(n, p).
    public static func probability(_ k: Int, trials n: Int, p: Double) -> Double {
        guard k >= 0, k <= n, n >= 0 else { return 0 }
        if p <= 0 { return k == 0 ? 1 : 0 }
        if p >= 1 { return k == n ? 1 : 0 }
        let logChoose = lgamma(Double(n) + 1) - lgamma(Double(k) + 1) - lgamma(Double(n - k) + 1)
        return exp(logChoose + Double(k) * log(p) + Double(n - k) * log1p(-p))
    }

    /// P(X >= k).
    public static func atLeast(_ k: Int, trials n: Int, p: Double) -> Double {
        guard k > 0 else { return 1 }
        guard k <= n else { return 0 }
        // Sum the shorter side for accuracy, then complement if needed.
        if k > n / 2 {
            return Swift.min(1, (k...n).reduce(0) { $0 + probability($1, trials: n, p: p) })
        }
        return Swift.max(0, 1 - (0..<k).reduce(0) { $0 + probability($1, trials: n, p: p) })
    }

    /// P(X <= k).
    public static func atMost(_ k: Int, trials n: Int, p: Double) -> Double {
        guard k >= 0 else { return 0 }
        guard k < n else { return 1 }
        return Swift.max(0, 1 - atLeast(k + 1, trials: n, p: p))
    }

    /// One-sided mid-p value for "the rate is above p" having seen k of n: P(X > k) + P(X = k) / 2.
    ///
    /// The mid-p keeps the exact distribution but is not as conservative as P(X >= k), whose real size on
    /// discrete data is far below the nominal one (Fagerland, Lydersen and Laake 2013 recommend it for McNemar).
    public static func midPAbove(_ k: Int, trials n: Int, p: Double) -> Double {
        atLeast(k + 1, trials: n, p: p) + probability(k, trials: n, p: p) / 2
    }

    /// One-sided mid-p value for "the rate is below p" having seen k of n: P(X < k) + P(X = k) / 2.
    public static func midPBelow(_ k: Int, trials n: Int, p: Double) -> Double {
        atMost(k - 1, trials: n, p: p) + probability(k, trials: n, p: p) / 2
    }
}
