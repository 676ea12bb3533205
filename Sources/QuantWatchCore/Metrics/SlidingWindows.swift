import DequeModule
import Foundation
import Histogram

/// Rolling statistics of one target over the 1m, 5m, 15m and 1h windows, from a ring of 5-second slices.
///
/// A sample lands in the slice of its start time. A window at time `now` holds the slices whose index lies in
/// `(nowSlice - window/5s, nowSlice]` (and any slice stamped later than `now`), so it covers between
/// `window - 5 s` and `window` of wall time; rates divide by the time actually covered. Slices older than the
/// longest window are dropped. Only slices that received samples exist, so an idle target costs nothing.
///
/// Reading merges the slices of each window into one HdrHistogram per metric (3 significant digits, values in
/// microseconds), nested from the shortest window to the longest so each slice is merged once. The figures are
/// cached until a sample arrives or a slice leaves a window.
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

    static func sliceIndex(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / Double(sliceSeconds)).rounded(.down))
    }

    /// Adds one probe's figures at its start time. Samples older than the longest window (relative to the newest
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

    // MARK: - Internals

    private mutating func appendSlice(_ index: Int64, _ sample: ProbeSample) {
        var slice = WindowSlice(index: index)
        slice.add(sample)
        slices.append(slice)
    }

    /// Drops slices whose index is at or below `index`.
    private mutating func expire(upTo index: Int64) {
        while let first = slices.first, first.index <= index {
            slices.removeFirst()
        }
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

    private func computeContents(nowIndex: Int64) -> (stats: [MetricWindow: WindowStats], tokens: [MetricWindow: Int]) {
        let oldest = firstPosition(after: nowIndex - (Self.windowsByLength.last?.sliceCount ?? 0))
        var accumulator = WindowAccumulator(highest: Self.maxima(slices, from: oldest))
        var stats: [MetricWindow: WindowStats] = [:]
        var tokens: [MetricWindow: Int] = [:]
        var position = slices.count - 1
        for window in Self.windowsByLength {
            let lower = nowIndex - window.sliceCount
            while position >= 0 && slices[position].index > lower {
                accumulator.add(slices[position])
                position -= 1
            }
            stats[window] = accumulator.stats(binCount: Self.e2eBinCount)
            tokens[window] = accumulator.counters.outputTokens
        }
        return (stats, tokens)
    }

    private static func maxima(_ slices: Deque<WindowSlice>, from position: Int) -> WindowAccumulator.Maxima {
        var maxima = WindowAccumulator.Maxima()
        for index in position..<slices.count {
            let slice = slices[index]
            maxima.e2e = Swift.max(maxima.e2e, slice.e2e.moments.max)
            maxima.ttft = Swift.max(maxima.ttft, slice.ttft.moments.max)
            maxima.tpot = Swift.max(maxima.tpot, slice.tpot.moments.max)
            maxima.decode = Swift.max(maxima.decode, slice.decode.moments.max)
        }
        return maxima
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
