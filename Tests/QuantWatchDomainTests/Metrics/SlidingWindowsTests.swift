import Foundation
import Histogram
@testable import QuantWatchDomain
import QuantWatchTestSupport
import Testing

struct SlidingWindowsTests {
    typealias F = MetricsFixtures

    /// Records e2e latencies (ms) at one instant and returns the 1m stats a second later.
    private func oneMinute(_ milliseconds: [Double]) -> WindowStats {
        var windows = SlidingWindows()
        for value in milliseconds {
            windows.record(ProbeSample(F.success(at: F.at(1), e2eMilliseconds: value)), at: F.at(1))
        }
        return windows.stats(at: F.at(2), startedAt: F.epoch)[.oneMinute] ?? .empty
    }

    /// Checks p50/p95/p99 against an exact sort, within HdrHistogram's resolution (same bucket).
    private func expectMatchesExactSort(_ milliseconds: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
        let stats = oneMinute(milliseconds)
        let sorted = milliseconds.map(F.micros).sorted()
        for (level, value) in [(50.0, stats.e2e.p50), (95.0, stats.e2e.p95), (99.0, stats.e2e.p99)] {
            let exact = F.exactPercentile(sorted, level)
            let measured = F.micros(value)
            #expect(
                HistogramLayout.reference.valuesAreEquivalent(measured, exact),
                "p\(level): \(measured) µs vs exact \(exact) µs", sourceLocation: sourceLocation)
            let width = HistogramLayout.reference.sizeOfEquivalentRangeForValue(exact)
            #expect(
                width * 1000 <= exact * 2 + 1000, "resolution is 3 significant digits", sourceLocation: sourceLocation)
        }
        #expect(stats.e2e.count == milliseconds.count, sourceLocation: sourceLocation)
        #expect(F.micros(stats.e2e.min) == sorted.first, sourceLocation: sourceLocation)
        #expect(F.micros(stats.e2e.max) == sorted.last, sourceLocation: sourceLocation)
    }

    @Test func emptyWindowsReportNothing() {
        var windows = SlidingWindows()
        let stats = windows.stats(at: F.at(10), startedAt: F.epoch)
        #expect(Set(stats.keys) == Set(MetricWindow.allCases))
        for window in MetricWindow.allCases {
            let value = stats[window] ?? .empty
            #expect(value.e2e == .empty)
            #expect(value.requests == 0)
            #expect(value.e2eHistogram.isEmpty)
            #expect(value.decodeTokensPerSecond == nil)
            #expect(value.requestsPerSecond == 0)
        }
    }

    @Test func singleValueIsExact() {
        let stats = oneMinute([1234.567])
        #expect(stats.e2e.count == 1)
        #expect(stats.e2e.p50 == 1234.567)
        #expect(stats.e2e.p95 == 1234.567)
        #expect(stats.e2e.p99 == 1234.567)
        #expect(stats.e2e.min == 1234.567)
        #expect(stats.e2e.max == 1234.567)
        #expect(stats.e2e.mean == 1234.567)
        #expect(stats.e2eHistogram == [HistogramBin(upperMilliseconds: 1234.567, count: 1)])
    }

    @Test func oneToThousandMatchesExactSort() {
        expectMatchesExactSort((1...1000).map(Double.init))
        let stats = oneMinute((1...1000).map(Double.init))
        #expect(stats.e2e.mean == 500.5)
        // 500 ms lies in a 256 µs bucket [499_968, 500_223]: HdrHistogram reports the bucket's top.
        #expect(stats.e2e.p50 == 500.223)
    }

    @Test func knownSetsMatchExactSort() {
        expectMatchesExactSort([10, 20, 30, 40, 1000])
        expectMatchesExactSort([0.5, 0.5, 0.5, 2500, 2500])
        expectMatchesExactSort([7, 7, 7, 7, 7, 7, 7, 7, 7, 7])
        expectMatchesExactSort([0.001, 1, 1000, 60000, 3_599_999])
        let stats = oneMinute([10, 20, 30, 40, 1000])
        #expect(stats.e2e.p50 == 30.015)  // rank 3 of 5: the 16 µs bucket [30_000, 30_015] µs, reported by its top
        #expect(stats.e2e.p95 == 1000)  // rank 5: the maximum, clamped to the exact value
        #expect(stats.e2e.p99 == 1000)
    }

    @Test func randomSetsMatchExactSort() {
        var generator = SeededGenerator(seed: 7)
        for size in [2, 3, 17, 100, 999, 5000] {
            let values = (0..<size).map { _ in Double(Int.random(in: 1...30_000_000, using: &generator)) / 1000 }
            expectMatchesExactSort(values)
        }
    }

    @Test func windowsMatchAHistogramOfTheRawValues() {
        // Many values over many slices (compaction, merging, late arrivals) give what one plain HdrHistogram of the
        // raw values gives.
        var generator = SeededGenerator(seed: 11)
        var windows = SlidingWindows()
        var raw = Histogram<UInt32>(numberOfSignificantValueDigits: .three)
        var times: [Double] = (0..<12_000).map { Double($0) / 1000 }  // 5000 a slice: compacts mid-slice
        times.swapAt(100, 9000)
        for time in times {
            let micros = UInt64.random(in: 1_000...20_000_000, using: &generator)
            raw.record(micros)
            windows.record(
                ProbeSample(F.success(at: F.at(time), e2eMilliseconds: Double(micros) / 1000)), at: F.at(time))
        }
        let hour = windows.stats(at: F.at(50), startedAt: F.epoch)[.oneHour] ?? .empty
        #expect(hour.e2e.count == 12_000)
        #expect(F.micros(hour.e2e.p50) == raw.valueAtPercentile(50))
        #expect(F.micros(hour.e2e.p95) == raw.valueAtPercentile(95))
        #expect(F.micros(hour.e2e.p99) == raw.valueAtPercentile(99))
        #expect(F.micros(hour.e2e.max) == raw.maxRecorded)
    }

    @Test func oldSlicesExpireFromEachWindow() {
        var windows = SlidingWindows()
        windows.record(ProbeSample(F.success(at: F.at(1), e2eMilliseconds: 100)), at: F.at(1))
        func count(_ window: MetricWindow, at seconds: Double) -> Int {
            windows.stats(at: F.at(seconds), startedAt: F.epoch)[window]?.e2e.count ?? -1
        }
        #expect(count(.oneMinute, at: 59.9) == 1)
        #expect(count(.oneMinute, at: 60) == 0)  // its slice [0, 5) s has left (55, 60]
        #expect(count(.fiveMinutes, at: 60) == 1)
        #expect(count(.fiveMinutes, at: 300) == 0)
        #expect(count(.fifteenMinutes, at: 899) == 1)
        #expect(count(.oneHour, at: 3599) == 1)
        #expect(count(.oneHour, at: 3600) == 0)
        #expect(windows.slices.isEmpty)
    }

    @Test func windowsHoldOnlyTheirOwnSlices() {
        var windows = SlidingWindows()
        windows.record(ProbeSample(F.success(at: F.at(10), e2eMilliseconds: 900)), at: F.at(10))
        windows.record(ProbeSample(F.success(at: F.at(200), e2eMilliseconds: 100)), at: F.at(200))
        windows.record(ProbeSample(F.success(at: F.at(150), e2eMilliseconds: 300)), at: F.at(150))  // late
        let stats = windows.stats(at: F.at(212), startedAt: F.epoch)  // 1m: slices [155 s, 212 s]
        #expect(stats[.oneMinute]?.e2e.count == 1)
        #expect(stats[.oneMinute]?.e2e.max == 100)
        #expect(stats[.fiveMinutes]?.e2e.count == 3)
        #expect(stats[.fiveMinutes]?.e2e.max == 900)
        #expect(windows.slices.map(\.index) == [10, 150, 200].map { SlidingWindows.sliceIndex(F.at($0)) })
    }

    @Test func errorsCountButNeverEnterLatency() {
        var windows = SlidingWindows()
        windows.record(ProbeSample(F.failure(at: F.at(1), .timeout, retries: 2)), at: F.at(1))
        windows.record(ProbeSample(F.failure(at: F.at(2), .http429)), at: F.at(2))
        windows.record(ProbeSample(F.failure(at: F.at(3), .timeout)), at: F.at(3))
        windows.record(ProbeSample(F.success(at: F.at(4), e2eMilliseconds: 50, retries: 1)), at: F.at(4))
        let stats = windows.stats(at: F.at(5), startedAt: F.epoch)[.oneMinute] ?? .empty
        #expect(stats.requests == 4)
        #expect(stats.successes == 1)
        #expect(stats.errors == [.timeout: 2, .http429: 1])
        #expect(stats.errorRate == 0.75)
        #expect(stats.retries == 3)
        #expect(stats.e2e.count == 1)
        #expect(stats.e2e.max == 50)
    }

    @Test func ratesDivideByTheTimeCovered() {
        var windows = SlidingWindows()
        for second in stride(from: 0.0, to: 30, by: 5) {
            windows.record(
                ProbeSample(
                    F.success(at: F.at(second), e2eMilliseconds: 1000, ttftMilliseconds: 100, outputTokens: 10)),
                at: F.at(second))
        }
        // Monitor started at the epoch, 30 s ago: every window covers 30 s.
        let young = windows.stats(at: F.at(30), startedAt: F.epoch)
        #expect(young[.oneMinute]?.requestsPerSecond == 0.2)
        #expect(young[.oneHour]?.requestsPerSecond == 0.2)
        #expect(young[.oneMinute]?.tokensPerSecond == 2)
        // Decode: 10 tokens over 0.9 s.
        #expect(abs((young[.oneMinute]?.decodeTokensPerSecond ?? 0) - 11.11) < 0.006)
        // Started long ago: at 62 s the 1m window holds the slices [5 s, 62 s], 57 s of wall time.
        let old = windows.stats(at: F.at(62), startedAt: F.at(-10_000))
        #expect(old[.oneMinute]?.requests == 5)  // the slice [0, 5) s has left
        #expect(old[.oneMinute]?.requestsPerSecond == 5.0 / 57)
    }

    @Test func tpotAndTtftAreRecorded() {
        var windows = SlidingWindows()
        // e2e 1000 ms, ttft 100 ms, 10 tokens: tpot = 900 / 9 = 100 ms.
        windows.record(
            ProbeSample(F.success(at: F.at(1), e2eMilliseconds: 1000, ttftMilliseconds: 100, outputTokens: 10)),
            at: F.at(1))
        windows.record(
            ProbeSample(F.success(at: F.at(1), e2eMilliseconds: 500, ttftMilliseconds: 200, outputTokens: 1)),
            at: F.at(1))
        let stats = windows.stats(at: F.at(2), startedAt: F.epoch)[.oneMinute] ?? .empty
        #expect(stats.ttft.count == 2)
        #expect(stats.ttft.min == 100)
        #expect(stats.ttft.max == 200)
        #expect(stats.tpot.count == 1)  // one token: no TPOT
        #expect(stats.tpot.p50 == 100)
    }

    @Test func histogramBinsAreLogSpacedAndCountEverySample() {
        let values = (1...1000).map(Double.init)
        let stats = oneMinute(values)
        let bins = stats.e2eHistogram
        #expect(bins.count == SlidingWindows.e2eBinCount)
        #expect(bins.map(\.count).reduce(0, +) == 1000)
        #expect(bins.last?.upperMilliseconds == 1000)
        #expect(abs((bins.first?.upperMilliseconds ?? 0) - pow(1000, 1.0 / 20)) < 1e-9)
        // Log spacing: a constant ratio between edges.
        let ratios = zip(bins.dropFirst(), bins).map { $0.upperMilliseconds / $1.upperMilliseconds }
        #expect(ratios.allSatisfy { abs($0 - pow(1000, 1.0 / 20)) < 1e-9 })
        // 1...1000 ms: the first bin (<= 1.41 ms) holds only the 1 ms sample.
        #expect(bins.first?.count == 1)
    }

    @Test func newSamplesInvalidateTheCache() {
        var windows = SlidingWindows()
        windows.record(ProbeSample(F.success(at: F.at(1), e2eMilliseconds: 10)), at: F.at(1))
        #expect(windows.stats(at: F.at(2), startedAt: F.epoch)[.oneMinute]?.e2e.count == 1)
        windows.record(ProbeSample(F.success(at: F.at(1), e2eMilliseconds: 20)), at: F.at(1))
        #expect(windows.stats(at: F.at(2), startedAt: F.epoch)[.oneMinute]?.e2e.count == 2)
        #expect(windows.stats(at: F.at(2), startedAt: F.epoch)[.oneMinute]?.e2e.max == 20)
    }

    @Test func samplesOlderThanAnHourBehindTheNewestAreDropped() {
        var windows = SlidingWindows()
        windows.record(ProbeSample(F.success(at: F.at(4000), e2eMilliseconds: 10)), at: F.at(4000))
        windows.record(ProbeSample(F.success(at: F.at(1), e2eMilliseconds: 10)), at: F.at(1))
        #expect(windows.slices.count == 1)
    }
}

struct SlidingWindowsIncrementalTests {
    typealias F = MetricsFixtures

    /// Windows read again and again while samples (some late) arrive and time moves give exactly what a fresh
    /// set of windows, fed the same samples and read once, gives: the incremental merging loses nothing.
    @Test func incrementalReadsMatchAFreshComputation() async {
        let mismatches = await OffThePool.run { Self.incrementalReadsChecks() }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
    }

    private static func incrementalReadsChecks() -> [String] {
        let mismatches = Mismatches()
        var generator = SeededGenerator(seed: 99)
        var windows = SlidingWindows()
        var samples: [(ProbeSample, Date)] = []
        var clock = 0.0
        for step in 0..<3000 {
            clock += Double.random(in: 0...2.5, using: &generator)
            let lateness =
                Double.random(in: 0...1, using: &generator) < 0.2 ? Double.random(in: 0...40, using: &generator) : 0
            let at = F.at(Swift.max(clock - lateness, 0))
            let result =
                Double.random(in: 0...1, using: &generator) < 0.05
                ? F.failure(at: at, .http5xx)
                : F.success(
                    at: at, e2eMilliseconds: Double.random(in: 5...4000, using: &generator),
                    outputTokens: Int.random(in: 1...64, using: &generator))
            let sample = ProbeSample(result)
            windows.record(sample, at: at)
            samples.append((sample, at))
            if step % 37 == 0 || step == 2999 {
                let now = F.at(clock + 1)
                var fresh = SlidingWindows()
                for (sample, at) in samples { fresh.record(sample, at: at) }
                let incremental = windows.stats(at: now, startedAt: F.epoch)
                mismatches.check(incremental == fresh.stats(at: now, startedAt: F.epoch), "step \(step)")
            }
        }
        // Past the hour, slices have expired from every window along the way.
        mismatches.check(clock > 3600, "the stream ended before an hour had passed")
        return mismatches.all
    }
}
