/// A parsed Prometheus text exposition: every sample, and the family types the `# TYPE` lines declared.
public struct PrometheusExposition: Sendable, Equatable {
    /// One line of the exposition: a series and its value (the optional timestamp is dropped: we stamp scrapes).
    public struct Sample: Sendable, Equatable {
        public var name: String
        public var labels: [String: String]
        public var value: Double

        public init(name: String, labels: [String: String] = [:], value: Double) {
            self.name = name
            self.labels = labels
            self.value = value
        }
    }

    /// The metric types of the text format; `untyped` for families with no `# TYPE` line.
    public enum FamilyType: String, Sendable, Equatable {
        case counter, gauge, histogram, summary, untyped
        /// OpenMetrics spellings that prometheus_client may emit.
        case gaugehistogram, info, stateset, unknown
    }

    public var samples: [Sample]
    public var types: [String: FamilyType]
    public var help: [String: String]

    public init(samples: [Sample] = [], types: [String: FamilyType] = [:], help: [String: String] = [:]) {
        self.samples = samples
        self.types = types
        self.help = help
    }

    /// Whether any sample has this name.
    public func has(_ name: String) -> Bool { samples.contains { $0.name == name } }

    /// The sum of every series named `name` (a runtime serving several models, or several engines, publishes one
    /// series each), or nil when there is none.
    public func sum(_ name: String) -> Double? {
        var total: Double?
        for sample in samples where sample.name == name && !sample.value.isNaN {
            total = (total ?? 0) + sample.value
        }
        return total
    }

    /// The first name of `names` that has a series, summed over its series (for names that changed between
    /// versions: the current one first, then the deprecated ones).
    public func sum(anyOf names: [String]) -> Double? {
        for name in names {
            if let value = sum(name) { return value }
        }
        return nil
    }

    /// The mean over the series of the first name of `names` that has any (a share such as KV-cache usage:
    /// two engines at 50% are at 50%, not 100%).
    public func mean(anyOf names: [String]) -> Double? {
        for name in names {
            let values = samples.filter { $0.name == name && !$0.value.isNaN }.map(\.value)
            if !values.isEmpty { return values.reduce(0, +) / Double(values.count) }
        }
        return nil
    }

    /// The histogram family `base` (`base_bucket`, `base_sum`, `base_count`) with its series added up bucket by
    /// bucket, or nil when there are no buckets.
    public func histogram(_ base: String) -> PrometheusHistogram? {
        let bucketName = base + "_bucket"
        var counts: [Double: Double] = [:]
        for sample in samples where sample.name == bucketName {
            guard let bound = sample.labels["le"].flatMap(PrometheusTextParser.number) else { continue }
            counts[bound, default: 0] += sample.value
        }
        guard !counts.isEmpty else { return nil }
        let buckets = counts.keys.sorted().map { PrometheusHistogram.Bucket(upperBound: $0, count: counts[$0]!) }
        return PrometheusHistogram(
            buckets: buckets, sum: sum(base + "_sum") ?? 0,
            count: sum(base + "_count") ?? buckets.last?.count ?? 0)
    }

    /// The first histogram of `bases` that is there.
    public func histogram(anyOf bases: [String]) -> PrometheusHistogram? {
        for base in bases {
            if let histogram = histogram(base) { return histogram }
        }
        return nil
    }
}
