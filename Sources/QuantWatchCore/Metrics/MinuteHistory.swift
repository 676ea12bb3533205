import DequeModule
import Foundation

/// Folds a target's 5-second window slices into one HistoryBucket per minute over the last hour.
///
/// The slices are what the windows hold (restored from the store at start-up, so the rows are there after a
/// restart). A minute's bucket is computed once and kept while its slices stay the same: the count of their
/// requests and the index of their first slice change with every sample that lands in it and with every slice
/// that expires, so a snapshot recomputes only the minutes that moved (usually just the current one).
struct MinuteHistory: Sendable {
    static let slicesPerMinute = 60 / SlidingWindows.sliceSeconds
    /// Minutes kept: the longest window.
    static let minutes: Int64 = 60

    private struct Cached: Sendable {
        var requests: Int
        var firstSlice: Int64
        var bucket: HistoryBucket
    }

    private var cache: [Int64: Cached] = [:]

    /// The buckets of the minutes that have probes, oldest first, from the minute `now` falls in back an hour.
    mutating func buckets(from slices: Deque<WindowSlice>, now: Date) -> [HistoryBucket] {
        let nowMinute = SlidingWindows.sliceIndex(now) / Self.slicesPerMinute
        let oldest = nowMinute - Self.minutes + 1
        var out: [HistoryBucket] = []
        var fresh: [Int64: Cached] = [:]
        var position = 0
        while position < slices.count {
            let minute = slices[position].index / Self.slicesPerMinute
            var end = position
            var requests = 0
            while end < slices.count && slices[end].index / Self.slicesPerMinute == minute {
                requests += slices[end].counters.requests
                end += 1
            }
            if minute >= oldest && minute <= nowMinute {
                let firstSlice = slices[position].index
                var entry = cache[minute]
                if entry?.requests != requests || entry?.firstSlice != firstSlice {
                    entry = Cached(
                        requests: requests, firstSlice: firstSlice,
                        bucket: Self.bucket(minute: minute, slices: slices[position..<end]))
                }
                if let entry {
                    fresh[minute] = entry
                    out.append(entry.bucket)
                }
            }
            position = end
        }
        cache = fresh
        return out
    }

    private static func bucket(minute: Int64, slices: Deque<WindowSlice>.SubSequence) -> HistoryBucket {
        var moments = ExactMoments()
        var entries: [SliceSamples.Entry] = []
        var counters = WindowCounters()
        for slice in slices {
            moments.add(slice.e2e.moments)
            entries = SliceSamples.merge(entries, slice.e2e.bucketed)
            counters.add(slice.counters)
        }
        var p50: Double?
        var p95: Double?
        if moments.count > 0 {
            let scan = DistributionScan.scan(entries, moments: moments, percentiles: [50, 95])
            p50 = Double(scan.percentiles[0]) / 1000
            p95 = Double(scan.percentiles[1]) / 1000
        }
        return HistoryBucket(
            start: Date(timeIntervalSince1970: Double(minute * slicesPerMinute * SlidingWindows.sliceSeconds)),
            requests: counters.requests, errors: counters.requests - counters.successes, p50: p50, p95: p95,
            scored: counters.scored, correct: counters.correct)
    }
}
