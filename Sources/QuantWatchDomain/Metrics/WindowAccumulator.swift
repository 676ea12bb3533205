/// Sums the exact moments and counters of a window's slices and turns them, with the window's bucket counts,
/// into WindowStats.
struct WindowAccumulator {
    /// The open (newest) slice's samples as bucket entries, computed once per read for every window.
    struct OpenBuckets {
        var e2e: [SliceSamples.Entry] = []
        var ttft: [SliceSamples.Entry] = []
        var tpot: [SliceSamples.Entry] = []
        var decode: [SliceSamples.Entry] = []

        init() {}

        init(_ slice: WindowSlice) {
            e2e = slice.e2e.bucketed
            ttft = slice.ttft.bucketed
            tpot = slice.tpot.bucketed
            decode = slice.decode.bucketed
        }
    }

    private var e2eMoments = ExactMoments()
    private var ttftMoments = ExactMoments()
    private var tpotMoments = ExactMoments()
    private var decodeMoments = ExactMoments()
    private(set) var counters = WindowCounters()

    mutating func add(_ slice: WindowSlice) {
        e2eMoments.add(slice.e2e.moments)
        ttftMoments.add(slice.ttft.moments)
        tpotMoments.add(slice.tpot.moments)
        decodeMoments.add(slice.decode.moments)
        counters.add(slice.counters)
    }

    /// The window's figures from its closed part and, when it includes it, the open slice; requests/s and
    /// tokens/s are left at 0 for the caller, who knows the time covered.
    func stats(part: WindowPart, open: OpenBuckets, binCount: Int) -> WindowStats {
        let e2eScan = DistributionScan.scan(
            part.e2e.entries, open.e2e, moments: e2eMoments, percentiles: [50, 95, 99], binCount: binCount)
        let decodeMedian = DistributionScan.scan(
            part.decode.entries, open.decode, moments: decodeMoments, percentiles: [50]
        ).percentiles[0]
        return WindowStats(
            e2e: Self.summary(e2eScan, e2eMoments),
            ttft: Self.summary(
                DistributionScan.scan(part.ttft.entries, open.ttft, moments: ttftMoments, percentiles: [50, 95, 99]),
                ttftMoments),
            tpot: Self.summary(
                DistributionScan.scan(part.tpot.entries, open.tpot, moments: tpotMoments, percentiles: [50, 95, 99]),
                tpotMoments),
            requests: counters.requests,
            successes: counters.successes,
            errors: counters.errors.dictionary,
            retries: counters.retries,
            decodeTokensPerSecond: decodeMoments.count == 0 ? nil : Double(decodeMedian) / 100,
            e2eHistogram: e2eScan.bins.map { HistogramBin(upperMilliseconds: $0.upper / 1000, count: $0.count) })
    }

    /// Percentiles in milliseconds of microsecond samples.
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
