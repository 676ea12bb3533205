import Histogram
import Testing

@testable import QuantWatchCore

struct DistributionScanTests {
    private let levels = [0.1, 1, 25, 50, 75, 90, 95, 99, 99.9, 100]

    private func histogram(_ values: [UInt64]) -> (Histogram<UInt32>, ExactMoments) {
        var histogram = Histogram<UInt32>(numberOfSignificantValueDigits: .three)
        var moments = ExactMoments()
        for value in values {
            histogram.record(value)
            moments.add(UInt32(value))
        }
        return (histogram, moments)
    }

    @Test(arguments: [1, 2, 10, 101, 4096])
    func onePassEqualsValueAtPercentile(size: Int) {
        var generator = SeededGenerator(seed: UInt64(size))
        let values = (0..<size).map { _ in UInt64.random(in: 0...90_000_000, using: &generator) }
        let (histogram, moments) = histogram(values)
        let scan = DistributionScan.scan(histogram, moments: moments, percentiles: levels)
        #expect(scan.percentiles == levels.map { histogram.valueAtPercentile($0) })
    }

    @Test func emptyHistogramGivesZeros() {
        let (histogram, moments) = histogram([])
        let scan = DistributionScan.scan(histogram, moments: moments, percentiles: [50, 99], binCount: 20)
        #expect(scan.percentiles == [0, 0])
        #expect(scan.bins.isEmpty)
    }

    @Test func compactedSlicesGiveTheSamePercentiles() {
        var generator = SeededGenerator(seed: 3)
        let values = (0..<10_000).map { _ in UInt32.random(in: 1...60_000_000, using: &generator) }
        var slice = SliceSamples()
        for value in values { slice.add(value) }
        slice.compact()
        #expect(slice.pending.isEmpty)
        #expect(slice.entries.count < values.count)
        #expect(slice.entries.map(\.count).reduce(0, +) == 10_000)
        var compacted = HistogramLayout.histogram(upTo: slice.moments.max)
        slice.record(into: &compacted)
        let (raw, moments) = histogram(values.map(UInt64.init))
        #expect(slice.moments == moments)
        let fromCompacted = DistributionScan.scan(compacted, moments: slice.moments, percentiles: levels)
        #expect(fromCompacted.percentiles == levels.map { raw.valueAtPercentile($0) })
    }

    @Test func binsSplitALogRange() {
        // 1, 10, 100, 1000 µs over 3 log bins: edges 10, 100, 1000.
        let (histogram, moments) = histogram([1, 10, 100, 1000])
        let scan = DistributionScan.scan(histogram, moments: moments, percentiles: [], binCount: 3)
        #expect(scan.bins.map(\.count) == [2, 1, 1])
        #expect(scan.bins.map(\.upper).enumerated().allSatisfy { abs($1 - [10, 100, 1000][$0]) < 1e-9 })
    }

    @Test func equalMinAndMaxMakeOneBin() {
        let (histogram, moments) = histogram([42, 42, 42])
        let scan = DistributionScan.scan(histogram, moments: moments, percentiles: [50], binCount: 20)
        #expect(scan.bins == [DistributionScan.Bin(upper: 42, count: 3)])
        #expect(scan.percentiles == [42])
    }
}
