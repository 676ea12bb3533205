import Foundation

/// Reads percentiles and log-spaced bins from sorted HdrHistogram bucket counts in one pass.
///
/// Percentiles follow HdrHistogram's `valueAtPercentile` exactly (the tests check it against the library): the
/// rank is `max(1, ceil(nextDown(q) * count / 100))`, the answer is the highest value equivalent to the bucket
/// holding that rank, clamped to the exact minimum and maximum. Walking the sparse buckets costs the number of
/// occupied buckets, where a dense HdrHistogram scan costs every bucket up to the largest value (about 13,000
/// for seconds in microseconds at 3 significant digits).
enum DistributionScan {
    typealias Entry = SliceSamples.Entry

    /// What one pass produced: the values at the requested percentiles (same order) and the bins.
    struct Result: Sendable, Equatable {
        var percentiles: [UInt64]
        var bins: [Bin]
    }

    /// Samples at or below `upper` (in the distribution's unit) and above the previous bin's edge.
    struct Bin: Sendable, Equatable {
        var upper: Double
        var count: Int
    }

    /// Scans the union of two sorted bucket lists (a window's closed slices and its open one) holding exactly
    /// the samples summarised by `moments`.
    /// - Parameters:
    ///   - percentiles: levels in 0...100, ascending.
    ///   - binCount: number of log-spaced bins between the exact min and max; 0 for none.
    static func scan(
        _ first: [Entry], _ second: [Entry] = [], moments: ExactMoments, percentiles: [Double], binCount: Int = 0
    ) -> Result {
        let total = UInt64(moments.count)
        guard total > 0 else { return Result(percentiles: percentiles.map { _ in 0 }, bins: []) }
        let low = UInt64(moments.min)
        let high = UInt64(moments.max)
        let ranks = percentiles.map { level -> UInt64 in
            let requested = Swift.min(Swift.max(level.nextDown, 0), 100)
            return Swift.max(1, UInt64(((requested * Double(total)) / 100).rounded(.up)))
        }
        var values = [UInt64](repeating: high, count: percentiles.count)
        var nextRank = 0
        var bins = binEdges(low: low, high: high, count: binCount).map { Bin(upper: $0, count: 0) }
        var cumulative: UInt64 = 0
        var i = 0
        var j = 0
        while i < first.count || j < second.count {
            let floor: UInt32
            var count: UInt64 = 0
            if j == second.count || (i < first.count && first[i].value <= second[j].value) {
                floor = first[i].value
            } else {
                floor = second[j].value
            }
            while i < first.count && first[i].value == floor {
                count += UInt64(first[i].count)
                i += 1
            }
            while j < second.count && second[j].value == floor {
                count += UInt64(second[j].count)
                j += 1
            }
            cumulative += count
            let top = HistogramLayout.reference.highestEquivalentForValue(UInt64(floor))
            let value = Swift.min(Swift.max(top, low), high)
            while nextRank < ranks.count && cumulative >= ranks[nextRank] {
                values[nextRank] = value
                nextRank += 1
            }
            if !bins.isEmpty {
                bins[binIndex(value: value, low: low, high: high, count: bins.count)].count += Int(count)
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
