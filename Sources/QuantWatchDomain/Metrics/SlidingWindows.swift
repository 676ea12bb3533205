import DequeModule
import Foundation

/// Rolling statistics of one target over the 1m, 5m, 15m and 1h windows, from a ring of 5-second slices.
///
/// A sample lands in the slice of its start time. A window at time `now` holds the slices whose index lies in
/// `(nowSlice - window/5s, nowSlice]` (and any slice stamped later than `now`), so it covers between
/// `window - 5 s` and `window` of wall time; rates divide by the time actually covered. Slices older than the
/// longest window are dropped. Only slices that received samples exist, so an idle target costs nothing.
///
/// Values are microseconds (tokens/s in hundredths) in HdrHistogram buckets of 3 significant digits. Each window
/// keeps its closed slices merged as sparse bucket counts (WindowPart), moved along with time by adding the slice
/// that closes and subtracting those that leave, so a read merges only the open slice into each window and walks
/// the occupied buckets. Exact count, sum, min and max are summed from the slices. The figures are cached until
/// a sample arrives or a slice leaves a window.
struct SlidingWindows: Sendable {
    static let sliceSeconds: Int64 = 5
    /// Slices kept: enough for the longest window.
    static let retainedSlices: Int64 = longestWindowSeconds / sliceSeconds
    static let e2eBinCount = 20

    private static let longestWindowSeconds: Int64 = MetricWindow.allCases.map(\.durationSeconds).max() ?? 3600
    private static let windowsByLength = MetricWindow.allCases.sorted { $0.durationSeconds < $1.durationSeconds }

    /// Non-empty slices, oldest first.
    private(set) var slices: Deque<WindowSlice> = []
    private var generation: UInt64 = 0
    private var cache: WindowCache?
    /// Closed slices merged per window, in `windowsByLength` order.
    private var parts = [WindowPart](repeating: WindowPart(), count: windowsByLength.count)

    static func sliceIndex(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / Double(sliceSeconds)).rounded(.down))
    }

    /// Adds one probe's figures at its start time.
    ///
    /// Samples older than the longest window (relative to the newest
    /// slice) are dropped.
    mutating func record(_ sample: ProbeSample, at date: Date) {
        let index = Self.sliceIndex(date)
        generation &+= 1
        guard let newest = slices.last?.index else {
            appendSlice(index, sample)
            return
        }
        if index == newest {
            slices[slices.count - 1].add(sample)
        } else if index > newest {
            // The previous slice is complete in the common case: store it compactly.
            slices[slices.count - 1].compact()
            appendSlice(index, sample)
            expire(upTo: index - Self.retainedSlices)
        } else if index > newest - Self.retainedSlices {
            let position = firstPosition(after: index - 1)
            if position < slices.count && slices[position].index == index {
                slices[position].add(sample)
            } else {
                var slice = WindowSlice(index: index)
                slice.add(sample)
                slices.insert(slice, at: position)
            }
            // A late sample in a slice a window has already merged goes into that window too.
            for part in parts.indices where parts[part].covers(index) { parts[part].add(sample) }
        }
    }

    /// Statistics of every window at `now`; rates count time from `startedAt` at most (a monitor that has run for
    /// two minutes has two minutes of 1h data).
    mutating func stats(at now: Date, startedAt: Date) -> [MetricWindow: WindowStats] {
        let nowIndex = Self.sliceIndex(now)
        expire(upTo: nowIndex - Self.retainedSlices)
        let key = WindowCache.Key(
            generation: generation,
            oldestIncluded: Self.windowsByLength.map { window in
                let position = firstPosition(after: nowIndex - window.sliceCount)
                return position < slices.count ? slices[position].index : nil
            })
        if cache?.key != key {
            cache = WindowCache(key: key, contents: computeContents(nowIndex: nowIndex))
        }
        var result: [MetricWindow: WindowStats] = [:]
        for (position, window) in Self.windowsByLength.enumerated() {
            guard var stats = cache?.contents[window] else { continue }
            let windowStart = Double((nowIndex - window.sliceCount + 1) * Self.sliceSeconds)
            let dataStart = key.oldestIncluded[position].map { Double($0 * Self.sliceSeconds) }
            let coveredFrom = Swift.max(
                windowStart, Swift.min(startedAt.timeIntervalSince1970, dataStart ?? .infinity))
            let span = Swift.max(now.timeIntervalSince1970 - coveredFrom, 1)
            stats.requestsPerSecond = Double(stats.requests) / span
            stats.tokensPerSecond = Double(cache?.outputTokens[window] ?? 0) / span
            result[window] = stats
        }
        return result
    }

    /// The figures alert rules read on every result: the windows up to `longest` (1m and 5m by default), with no
    /// histogram bins and no rates, computed without touching the snapshot cache. Cheaper than `stats`: the long
    /// windows, which hold the most buckets, are left out.
    mutating func recentStats(at now: Date, upTo longest: MetricWindow = .fiveMinutes) -> [MetricWindow: WindowStats] {
        let nowIndex = Self.sliceIndex(now)
        expire(upTo: nowIndex - Self.retainedSlices)
        return computeContents(nowIndex: nowIndex, upTo: longest, binCount: 0).stats
    }

    // MARK: - Internals

    private mutating func appendSlice(_ index: Int64, _ sample: ProbeSample) {
        var slice = WindowSlice(index: index)
        slice.add(sample)
        slices.append(slice)
    }

    /// Drops slices whose index is at or below `index`, taking them out of the windows first.
    private mutating func expire(upTo index: Int64) {
        guard let first = slices.first, first.index <= index else { return }
        for part in parts.indices where parts[part].lower < index {
            parts[part].move(lower: index, upper: Swift.max(parts[part].upper, index), slices: slices)
        }
        while let first = slices.first, first.index <= index {
            slices.removeFirst()
        }
        if slices.isEmpty { parts = parts.map { _ in WindowPart() } }
    }

    /// Position of the first slice whose index is greater than `index` (binary search).
    private func firstPosition(after index: Int64) -> Int {
        var low = 0
        var high = slices.count
        while low < high {
            let middle = (low + high) / 2
            if slices[middle].index <= index {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }

    /// Figures of every window up to `longest` (all of them by default), walking the slices once, newest first.
    private mutating func computeContents(
        nowIndex: Int64, upTo longest: MetricWindow? = nil, binCount: Int = e2eBinCount
    ) -> (stats: [MetricWindow: WindowStats], tokens: [MetricWindow: Int]) {
        let newest = slices.last?.index
        let open = slices.last.map(WindowAccumulator.OpenBuckets.init) ?? WindowAccumulator.OpenBuckets()
        var accumulator = WindowAccumulator()
        var stats: [MetricWindow: WindowStats] = [:]
        var tokens: [MetricWindow: Int] = [:]
        var position = slices.count - 1
        for (index, window) in Self.windowsByLength.enumerated()
        where longest.map({ window.sliceCount <= $0.sliceCount }) ?? true {
            let lower = nowIndex - window.sliceCount
            parts[index].move(lower: lower, upper: (newest ?? lower) - 1, slices: slices)
            while position >= 0 && slices[position].index > lower {
                accumulator.add(slices[position])
                position -= 1
            }
            let includesOpen = newest.map { $0 > lower } ?? false
            stats[window] = accumulator.stats(
                part: parts[index], open: includesOpen ? open : WindowAccumulator.OpenBuckets(), binCount: binCount)
            tokens[window] = accumulator.counters.outputTokens
        }
        return (stats, tokens)
    }
}

/// The window figures computed for one state of the slices (rates are applied on read, as they move with time).
private struct WindowCache: Sendable {
    struct Key: Sendable, Equatable {
        var generation: UInt64
        /// Per window (shortest first), the index of its oldest slice, nil when it holds none.
        var oldestIncluded: [Int64?]
    }

    var key: Key
    var contents: [MetricWindow: WindowStats]
    var outputTokens: [MetricWindow: Int]

    init(key: Key, contents: (stats: [MetricWindow: WindowStats], tokens: [MetricWindow: Int])) {
        self.key = key
        self.contents = contents.stats
        self.outputTokens = contents.tokens
    }
}

extension MetricWindow {
    var durationSeconds: Int64 { duration.components.seconds }

    /// Number of slices the window spans.
    var sliceCount: Int64 { durationSeconds / SlidingWindows.sliceSeconds }
}
