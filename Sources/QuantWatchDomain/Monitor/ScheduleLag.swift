import Histogram

/// How late probes started against their schedule (waiting for a permit or for the actor included).
public struct ScheduleLag: Sendable, Equatable {
    public var probes: Int = 0
    public var totalMilliseconds: Double = 0
    public var maxMilliseconds: Double = 0
    /// Lags in microseconds, HdrHistogram with 3 significant digits (grows as needed).
    private var histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .three)

    public init() {}

    public var meanMilliseconds: Double { probes == 0 ? 0 : totalMilliseconds / Double(probes) }

    /// The lag at `percentile` (0...100), in milliseconds; 0 before any probe.
    public func percentileMilliseconds(_ percentile: Double) -> Double {
        probes == 0 ? 0 : Double(histogram.valueAtPercentile(min(max(percentile, 0), 100))) / 1000
    }

    public var p50Milliseconds: Double { percentileMilliseconds(50) }
    public var p99Milliseconds: Double { percentileMilliseconds(99) }

    package mutating func add(_ lag: Duration) {
        let ms = max(0, lag.milliseconds)
        probes += 1
        totalMilliseconds += ms
        maxMilliseconds = max(maxMilliseconds, ms)
        _ = histogram.record(UInt64(ms * 1000))
    }
}
