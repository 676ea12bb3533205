/// The samples of one metric in one time slice: exact count, sum, min and max, plus the values themselves,
/// kept raw while the slice is young and as HdrHistogram bucket counts (run-length pairs) once compacted.
///
/// Compaction loses nothing the windows report: percentiles come from the buckets anyway, and min, max and mean
/// come from the exact moments kept beside them.
struct SliceSamples: Sendable, Equatable {
    /// One compacted bucket: the lowest value of an HdrHistogram bucket and how many samples fell in it.
    struct Entry: Sendable, Equatable {
        var value: UInt32
        var count: UInt32
    }

    /// Raw values not yet compacted beyond this many are compacted on the spot (bounds memory in a busy slice).
    static let pendingLimit = 4096

    private(set) var entries: [Entry] = []
    private(set) var pending: [UInt32] = []
    private(set) var moments = ExactMoments()

    var isEmpty: Bool { moments.count == 0 }

    mutating func add(_ value: UInt32) {
        pending.append(value)
        moments.add(value)
        if pending.count >= Self.pendingLimit { compact() }
    }

    /// Folds the raw values into the sorted bucket entries.
    mutating func compact() {
        guard !pending.isEmpty else { return }
        pending.sort()
        let fresh = Self.bucket(pending)
        pending.removeAll(keepingCapacity: false)
        entries = Self.merge(entries, fresh)
    }

    /// Every sample of the slice as sorted bucket entries (the raw ones bucketed on the fly).
    var bucketed: [Entry] {
        pending.isEmpty ? entries : Self.merge(entries, Self.bucket(pending.sorted()))
    }

    /// Sorted raw values to sorted bucket entries.
    static func bucket(_ sorted: [UInt32]) -> [Entry] {
        var result: [Entry] = []
        var index = 0
        while index < sorted.count {
            let floor = HistogramLayout.bucketFloor(sorted[index])
            let next = HistogramLayout.reference.nextNonEquivalentForValue(UInt64(floor))
            var count: UInt32 = 0
            while index < sorted.count && UInt64(sorted[index]) < next {
                count += 1
                index += 1
            }
            result.append(Entry(value: floor, count: count))
        }
        return result
    }

    /// Merges two sorted entry lists, adding counts of equal buckets.
    static func merge(_ left: [Entry], _ right: [Entry]) -> [Entry] {
        if left.isEmpty { return right }
        var merged: [Entry] = []
        merged.reserveCapacity(left.count + right.count)
        var i = 0
        var j = 0
        while i < left.count || j < right.count {
            if j == right.count || (i < left.count && left[i].value < right[j].value) {
                merged.append(left[i])
                i += 1
            } else if i == left.count || right[j].value < left[i].value {
                merged.append(right[j])
                j += 1
            } else {
                merged.append(Entry(value: left[i].value, count: left[i].count + right[j].count))
                i += 1
                j += 1
            }
        }
        return merged
    }
}
