import Histogram
@testable import QuantWatchDomain
import QuantWatchTestSupport
import Testing

struct DistributionScanTests {
    private let levels = [0.1, 1, 25, 50, 75, 90, 95, 99, 99.9, 100]

    /// The same values as a plain HdrHistogram (the oracle) and as compacted slice samples.
    private func both(_ values: [UInt32]) -> (Histogram<UInt32>, SliceSamples) {
        var histogram = Histogram<UInt32>(numberOfSignificantValueDigits: .three)
        var samples = SliceSamples()
        for value in values {
            histogram.record(UInt64(value))
            samples.add(value)
        }
        samples.compact()
        return (histogram, samples)
    }

    @Test(arguments: [1, 2, 10, 101, 4096, 10_000])
    func scanEqualsHdrHistogramValueAtPercentile(size: Int) {
        var generator = SeededGenerator(seed: UInt64(size))
        let values = (0..<size).map { _ in UInt32.random(in: 0...90_000_000, using: &generator) }
        let (histogram, samples) = both(values)
        #expect(samples.pending.isEmpty)
        #expect(samples.entries.map(\.count).reduce(0, +) == UInt32(size))
        let scan = DistributionScan.scan(samples.entries, moments: samples.moments, percentiles: levels)
        #expect(scan.percentiles == levels.map { histogram.valueAtPercentile($0) })
    }

    @Test func twoListsScanLikeTheirUnion() {
        var generator = SeededGenerator(seed: 5)
        let left = (0..<500).map { _ in UInt32.random(in: 1...5_000_000, using: &generator) }
        let right = (0..<300).map { _ in UInt32.random(in: 1...5_000_000, using: &generator) }
        let (histogram, all) = both(left + right)
        let (_, first) = both(left)
        let (_, second) = both(right)
        let scan = DistributionScan.scan(
            first.entries, second.entries, moments: all.moments, percentiles: levels, binCount: 20)
        #expect(scan.percentiles == levels.map { histogram.valueAtPercentile($0) })
        #expect(scan == DistributionScan.scan(all.entries, moments: all.moments, percentiles: levels, binCount: 20))
        #expect(scan.bins.map(\.count).reduce(0, +) == 800)
    }

    @Test func subtractingASliceUndoesAddingIt() {
        let (_, first) = both([1, 5, 5, 900, 70_000])
        let (_, second) = both([5, 901, 3_000_000])
        var distribution = SparseDistribution()
        distribution.add(first.entries)
        distribution.add(second.entries)
        #expect(distribution.total == 8)
        distribution.subtract(first.entries)
        #expect(distribution.entries == second.entries)
    }

    @Test func emptyInputGivesZeros() {
        let scan = DistributionScan.scan([], moments: ExactMoments(), percentiles: [50, 99], binCount: 20)
        #expect(scan.percentiles == [0, 0])
        #expect(scan.bins.isEmpty)
    }

    @Test func binsSplitALogRange() {
        // 1, 10, 100, 1000 µs over 3 log bins: edges 10, 100, 1000.
        let (_, samples) = both([1, 10, 100, 1000])
        let scan = DistributionScan.scan(samples.entries, moments: samples.moments, percentiles: [], binCount: 3)
        #expect(scan.bins.map(\.count) == [2, 1, 1])
        #expect(scan.bins.map(\.upper).enumerated().allSatisfy { abs($1 - [10, 100, 1000][$0]) < 1e-9 })
    }

    @Test func equalMinAndMaxMakeOneBin() {
        let (_, samples) = both([42, 42, 42])
        let scan = DistributionScan.scan(samples.entries, moments: samples.moments, percentiles: [50], binCount: 20)
        #expect(scan.bins == [DistributionScan.Bin(upper: 42, count: 3)])
        #expect(scan.percentiles == [42])
    }
}
