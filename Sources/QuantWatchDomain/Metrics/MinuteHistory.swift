import DequeModule
import Foundation

/// Folds a target's 5-second window slices into one HistoryBucket per minute over the last hour.
///
/// The slices are what the windows hold (restored from the store at start-up, so the rows are there after a
/// restart). A minute's bucket is computed once and kept until a sample lands in that minute (`noteSample`) or
/// slices of it expire from the windows, so a snapshot usually recomputes just the current minute, and one
/// where nothing moved returns the previous rows as they were.
struct MinuteHistory: Sendable {
    static let slicesPerMinute = 60 / SlidingWindows.sliceSeconds
    /// Minutes kept: the longest window.
    static let minutes: Int64 = 60

    private var cache: [Int64: HistoryBucket] = [:]
    /// Minutes that received samples since their bucket was computed.
    private var dirty: Set<Int64> = []
    private var lastNoted: Int64?
    /// The inputs `output` was built from: the minute of `now` and the index of the oldest slice.
    private var builtFor: (minute: Int64, firstSlice: Int64?)?
    private var output: [HistoryBucket] = []

    static func minute(ofSlice index: Int64) -> Int64 {
        index >= 0 ? index / slicesPerMinute : (index - slicesPerMinute + 1) / slicesPerMinute
    }

    /// A sample was recorded at `date`: its minute's bucket is out of date.
    mutating func noteSample(at date: Date) {
        let minute = Self.minute(ofSlice: SlidingWindows.sliceIndex(date))
        guard minute != lastNoted else { return }
        lastNoted = minute
        dirty.insert(minute)
        builtFor = nil
    }

    /// The buckets of the minutes that have probes, oldest first, from the minute `now` falls in back an hour.
    mutating func buckets(from slices: Deque<WindowSlice>, now: Date) -> [HistoryBucket] {
        let nowMinute = Self.minute(ofSlice: SlidingWindows.sliceIndex(now))
        let firstSlice = slices.first?.index
        if let builtFor, builtFor.minute == nowMinute, builtFor.firstSlice == firstSlice { return output }
        if builtFor?.firstSlice != firstSlice, let firstSlice {
            // Slices expired from the front: the minute they ended in may have lost some.
            dirty.insert(Self.minute(ofSlice: firstSlice))
        }
        let oldest = max(nowMinute - Self.minutes + 1, firstSlice.map(Self.minute(ofSlice:)) ?? nowMinute + 1)
        cache = cache.filter { $0.key >= oldest && $0.key <= nowMinute }
        var later: Set<Int64> = []
        for minute in dirty {
            if minute > nowMinute {
                // A sample stamped ahead of `now`: counted once its minute comes.
                later.insert(minute)
            } else if minute >= oldest {
                cache[minute] = Self.bucket(minute: minute, slices: slices)
            }
        }
        dirty = later
        lastNoted = nil
        output = cache.keys.sorted().compactMap { cache[$0] }
        builtFor = (nowMinute, firstSlice)
        return output
    }

    /// The bucket of one minute from its slices (found by binary search); nil when it has none.
    private static func bucket(minute: Int64, slices: Deque<WindowSlice>) -> HistoryBucket? {
        let lower = minute * slicesPerMinute
        var low = 0
        var high = slices.count
        while low < high {
            let middle = (low + high) / 2
            if slices[middle].index < lower { low = middle + 1 } else { high = middle }
        }
        var moments = ExactMoments()
        var entries: [SliceSamples.Entry] = []
        var counters = WindowCounters()
        var position = low
        while position < slices.count && slices[position].index < lower + slicesPerMinute {
            moments.add(slices[position].e2e.moments)
            entries = SliceSamples.merge(entries, slices[position].e2e.bucketed)
            counters.add(slices[position].counters)
            position += 1
        }
        guard counters.requests > 0 else { return nil }
        var p50: Double?
        var p95: Double?
        if moments.count > 0 {
            let scan = DistributionScan.scan(entries, moments: moments, percentiles: [50, 95])
            p50 = Double(scan.percentiles[0]) / 1000
            p95 = Double(scan.percentiles[1]) / 1000
        }
        return HistoryBucket(
            start: Date(timeIntervalSince1970: Double(lower * SlidingWindows.sliceSeconds)),
            requests: counters.requests, errors: counters.requests - counters.successes, p50: p50, p95: p95,
            scored: counters.scored, correct: counters.correct)
    }
}
