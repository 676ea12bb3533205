import Histogram

/// Merges slices into one HdrHistogram per metric and turns the result into WindowStats.
struct WindowAccumulator {
    /// Largest value of each metric over the slices to merge, to size the histograms once.
    struct Maxima {
        var e2e: UInt32 = 0
        var ttft: UInt32 = 0
        var tpot: UInt32 = 0
        var decode: UInt32 = 0
    }

    private var e2e: Histogram<UInt32>
    private var ttft: Histogram<UInt32>
    private var tpot: Histogram<UInt32>
    private var decode: Histogram<UInt32>
    private var e2eMoments = ExactMoments()
    private var ttftMoments = ExactMoments()
    private var tpotMoments = ExactMoments()
    private var decodeMoments = ExactMoments()
    private(set) var counters = WindowCounters()

    init(highest: Maxima) {
        e2e = HistogramLayout.histogram(upTo: highest.e2e)
        ttft = HistogramLayout.histogram(upTo: highest.ttft)
        tpot = HistogramLayout.histogram(upTo: highest.tpot)
        decode = HistogramLayout.histogram(upTo: highest.decode)
    }

    mutating func add(_ slice: WindowSlice) {
        slice.e2e.record(into: &e2e)
        slice.ttft.record(into: &ttft)
        slice.tpot.record(into: &tpot)
        slice.decode.record(into: &decode)
        e2eMoments.add(slice.e2e.moments)
        ttftMoments.add(slice.ttft.moments)
        tpotMoments.add(slice.tpot.moments)
        decodeMoments.add(slice.decode.moments)
        counters.add(slice.counters)
    }

    /// The merged figures; requests/s and tokens/s are left at 0 for the caller, who knows the covered time.
    func stats(binCount: Int) -> WindowStats {
        let e2eScan = DistributionScan.scan(e2e, moments: e2eMoments, percentiles: [50, 95, 99], binCount: binCount)
        let decodeMedian = DistributionScan.scan(decode, moments: decodeMoments, percentiles: [50]).percentiles[0]
        return WindowStats(
            e2e: Self.summary(e2eScan, e2eMoments),
            ttft: Self.summary(ttft, ttftMoments),
            tpot: Self.summary(tpot, tpotMoments),
            requests: counters.requests,
            successes: counters.successes,
            errors: counters.errors.dictionary,
            retries: counters.retries,
            decodeTokensPerSecond: decodeMoments.count == 0 ? nil : Double(decodeMedian) / 100,
            e2eHistogram: e2eScan.bins.map { HistogramBin(upperMilliseconds: $0.upper / 1000, count: $0.count) })
    }

    /// Percentiles in milliseconds of microsecond samples.
    static func summary(_ histogram: Histogram<UInt32>, _ moments: ExactMoments) -> LatencySummary {
        summary(DistributionScan.scan(histogram, moments: moments, percentiles: [50, 95, 99]), moments)
    }

    private static func summary(_ scan: DistributionScan.Result, _ moments: ExactMoments) -> LatencySummary {
        guard let mean = moments.mean else { return .empty }
        return LatencySummary(
            count: moments.count,
            p50: Double(scan.percentiles[0]) / 1000,
            p95: Double(scan.percentiles[1]) / 1000,
            p99: Double(scan.percentiles[2]) / 1000,
            min: Double(moments.min) / 1000,
            max: Double(moments.max) / 1000,
            mean: mean / 1000)
    }
}
