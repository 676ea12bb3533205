import Foundation
import Histogram

/// Reads percentiles and log-spaced bins from an HdrHistogram in one pass over its recorded buckets.
///
/// Percentiles follow HdrHistogram's own `valueAtPercentile` exactly: the rank is
/// `max(1, ceil(nextDown(q) * count / 100))`, the answer is the highest value equivalent to the bucket holding
/// that rank, clamped to the exact minimum and maximum. One pass serves every requested percentile, and it runs
/// through the inlinable iterator, so it is specialised for `UInt32` counts instead of going through generic code.
enum DistributionScan {
    /// What one pass produced: the values at the requested percentiles (same order) and the bins.
    struct Result: Sendable, Equatable {
        var percentiles: [UInt64]
        var bins: [Bin]
    }

    /// Samples at or below `upper` (in the histogram's unit) and above the previous bin's edge.
    struct Bin: Sendable, Equatable {
        var upper: Double
        var count: Int
    }

    /// Scans `histogram` (holding exactly the samples summarised by `moments`).
    /// - Parameters:
    ///   - percentiles: levels in 0...100, ascending.
    ///   - binCount: number of log-spaced bins between the exact min and max; 0 for none.
    static func scan(
        _ histogram: Histogram<UInt32>, moments: ExactMoments, percentiles: [Double], binCount: Int = 0
    ) -> Result {
        let total = histogram.totalCount
        guard total > 0, moments.count > 0 else {
            return Result(percentiles: percentiles.map { _ in 0 }, bins: [])
        }
        let low = UInt64(moments.min)
        let high = UInt64(moments.max)
        let ranks = percentiles.map { level -> UInt64 in
            let requested = Swift.min(Swift.max(level.nextDown, 0), 100)
            return Swift.max(1, UInt64(((requested * Double(total)) / 100).rounded(.up)))
        }
        var values = [UInt64](repeating: high, count: percentiles.count)
        var nextRank = 0
        var bins = binEdges(low: low, high: high, count: binCount).map { Bin(upper: $0, count: 0) }
        for item in histogram.recordedValues() {
            let value = Swift.min(Swift.max(item.value, low), high)
            while nextRank < ranks.count && item.totalCountToThisValue >= ranks[nextRank] {
                values[nextRank] = value
                nextRank += 1
            }
            if !bins.isEmpty {
                bins[binIndex(value: value, low: low, high: high, count: bins.count)].count += Int(item.count)
            }
        }
        return Result(percentiles: values, bins: bins)
    }

    /// Upper edges of `count` log-spaced bins covering low...high (one bin when they are equal).
    static func binEdges(low: UInt64, high: UInt64, count: Int) -> [Double] {
        guard count > 0 else { return [] }
        if low >= high { return [Double(high)] }
        let base = Double(Swift.max(low, 1))
        let ratio = Double(high) / base
        return (1...count).map { step in
            step == count ? Double(high) : base * pow(ratio, Double(step) / Double(count))
        }
    }

    /// Bin of a value: the first whose upper edge is at or above it.
    private static func binIndex(value: UInt64, low: UInt64, high: UInt64, count: Int) -> Int {
        if count == 1 || value <= Swift.max(low, 1) { return 0 }
        let base = Double(Swift.max(low, 1))
        let position = log(Double(value) / base) / log(Double(high) / base) * Double(count)
        // A value sitting on an edge belongs to the bin below it; the tolerance absorbs log() rounding.
        let index = Int((position - 1e-9).rounded(.up)) - 1
        return Swift.min(Swift.max(index, 0), count - 1)
    }
}
