/// Turns a window's closed part and, when the window includes it, its open (newest) slice into WindowStats.
enum WindowAccumulator {
    /// The open slice as bucket distributions, computed once per read for every window.
    struct OpenSlice {
        var e2e = SparseDistribution()
        var ttft = SparseDistribution()
        var tpot = SparseDistribution()
        var decode = SparseDistribution()
        var e2eMoments = ExactMoments()
        var ttftMoments = ExactMoments()
        var tpotMoments = ExactMoments()
        var decodeMoments = ExactMoments()
        var counters = WindowCounters()

        init() {}

        init(_ slice: WindowSlice) {
            e2e.replace(with: slice.e2e.bucketed)
            ttft.replace(with: slice.ttft.bucketed)
            tpot.replace(with: slice.tpot.bucketed)
            decode.replace(with: slice.decode.bucketed)
            e2eMoments = slice.e2e.moments
            ttftMoments = slice.ttft.moments
            tpotMoments = slice.tpot.moments
            decodeMoments = slice.decode.moments
            counters = slice.counters
        }
    }

    /// The window's figures; requests/s and tokens/s are left at 0 for the caller, who knows the time covered.
    static func stats(part: inout WindowPart, open: OpenSlice?, binCount: Int) -> (stats: WindowStats, tokens: Int) {
        let empty = OpenSlice()
        let open = open ?? empty
        var e2eMoments = part.e2eMoments
        e2eMoments.add(open.e2eMoments)
        var ttftMoments = part.ttftMoments
        ttftMoments.add(open.ttftMoments)
        var tpotMoments = part.tpotMoments
        tpotMoments.add(open.tpotMoments)
        var decodeMoments = part.decodeMoments
        decodeMoments.add(open.decodeMoments)
        var counters = part.counters
        counters.add(open.counters)
        let closedBins =
            e2eMoments.count == 0
            ? [] : part.e2eBinCounts(low: UInt64(e2eMoments.min), high: UInt64(e2eMoments.max), count: binCount)
        let e2eScan = DistributionScan.read(
            closed: part.e2e, open: open.e2e, moments: e2eMoments, percentiles: [50, 95, 99], closedBins: closedBins)
        let decodeMedian = DistributionScan.read(
            closed: part.decode, open: open.decode, moments: decodeMoments, percentiles: [50]
        ).percentiles[0]
        let stats = WindowStats(
            e2e: summary(e2eScan, e2eMoments),
            ttft: summary(
                DistributionScan.read(
                    closed: part.ttft, open: open.ttft, moments: ttftMoments, percentiles: [50, 95, 99]),
                ttftMoments),
            tpot: summary(
                DistributionScan.read(
                    closed: part.tpot, open: open.tpot, moments: tpotMoments, percentiles: [50, 95, 99]),
                tpotMoments),
            requests: counters.requests,
            successes: counters.successes,
            errors: counters.errors.dictionary,
            retries: counters.retries,
            decodeTokensPerSecond: decodeMoments.count == 0 ? nil : Double(decodeMedian) / 100,
            e2eHistogram: e2eScan.bins.map { HistogramBin(upperMilliseconds: $0.upper / 1000, count: $0.count) })
        return (stats, counters.outputTokens)
    }

    /// Percentiles in milliseconds of microsecond samples.
    static func summary(_ scan: DistributionScan.Result, _ moments: ExactMoments) -> LatencySummary {
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
