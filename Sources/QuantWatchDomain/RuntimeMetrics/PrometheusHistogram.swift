/// A Prometheus histogram: cumulative bucket counts by upper bound (the last one `+Inf`), sum and count.
public struct PrometheusHistogram: Sendable, Equatable {
    public struct Bucket: Sendable, Equatable {
        public var upperBound: Double
        /// Observations at or below `upperBound` (cumulative).
        public var count: Double

        public init(upperBound: Double, count: Double) {
            self.upperBound = upperBound
            self.count = count
        }
    }

    /// Sorted by upper bound.
    public var buckets: [Bucket]
    public var sum: Double
    public var count: Double

    public init(buckets: [Bucket], sum: Double, count: Double) {
        self.buckets = buckets.sorted { $0.upperBound < $1.upperBound }
        self.sum = sum
        self.count = count
    }

    /// What was observed between `earlier` and this one.
    ///
    /// Counters only grow; a server restart resets them, and then this one is the whole story. Buckets are matched
    /// by bound; bounds the earlier one lacks count whole.
    public func since(_ earlier: PrometheusHistogram) -> PrometheusHistogram {
        guard earlier.count <= count else { return self }
        let before = Dictionary(
            earlier.buckets.map { ($0.upperBound, $0.count) }, uniquingKeysWith: { first, _ in first })
        let delta = buckets.map {
            Bucket(upperBound: $0.upperBound, count: max(0, $0.count - (before[$0.upperBound] ?? 0)))
        }
        return PrometheusHistogram(buckets: delta, sum: max(0, sum - earlier.sum), count: count - earlier.count)
    }

    /// The `q` quantile (0...1) as Prometheus' `histogram_quantile` estimates it.
    ///
    /// Linear inside the bucket that holds the rank, the lower bound of the first bucket taken as 0; a rank in the
    /// `+Inf` bucket gives the highest finite bound. Nil without observations.
    public func quantile(_ q: Double) -> Double? {
        guard let total = buckets.last?.count, total > 0, q >= 0, q <= 1 else { return nil }
        let rank = q * total
        var lowerBound = 0.0
        var lowerCount = 0.0
        for bucket in buckets {
            if bucket.count >= rank {
                if bucket.upperBound == .infinity { return lowerBound }
                let inBucket = bucket.count - lowerCount
                guard inBucket > 0 else { return bucket.upperBound }
                return lowerBound + (bucket.upperBound - lowerBound) * (rank - lowerCount) / inBucket
            }
            lowerBound = bucket.upperBound
            lowerCount = bucket.count
        }
        return lowerBound
    }
}
