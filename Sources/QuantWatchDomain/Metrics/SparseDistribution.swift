/// One metric over a run of slices as sorted HdrHistogram bucket counts, to which slices are added and from
/// which they are taken away again, so a window follows time without re-merging all of its slices.
///
/// Beside the entries it keeps their running totals, rebuilt with every change (which copies the entries
/// anyway), so a read finds the bucket holding a rank by binary search instead of walking every bucket.
struct SparseDistribution: Sendable, Equatable {
    typealias Entry = SliceSamples.Entry

    private(set) var entries: [Entry] = []
    /// `cumulative[i]`: samples in `entries[0...i]`.
    private(set) var cumulative: [UInt64] = []

    var total: Int { Int(cumulative.last ?? 0) }

    mutating func add(_ other: [Entry]) {
        guard !other.isEmpty else { return }
        replace(with: SliceSamples.merge(entries, other))
    }

    /// Removes samples that were added before; buckets left empty disappear.
    mutating func subtract(_ other: [Entry]) {
        guard !other.isEmpty else { return }
        var result: [Entry] = []
        result.reserveCapacity(entries.count)
        var j = 0
        for entry in entries {
            while j < other.count && other[j].value < entry.value { j += 1 }
            var remaining = entry
            if j < other.count && other[j].value == entry.value {
                remaining.count -= Swift.min(other[j].count, entry.count)
                j += 1
            }
            if remaining.count > 0 { result.append(remaining) }
        }
        replace(with: result)
    }

    /// Takes `sorted` (ascending, one entry per bucket) as the whole distribution.
    mutating func replace(with sorted: [Entry]) {
        entries = sorted
        cumulative = Self.runningTotals(sorted)
    }

    mutating func removeAll() {
        entries.removeAll()
        cumulative.removeAll()
    }

    /// Samples at or below `value`.
    func count(atOrBelow value: UInt32) -> UInt64 {
        let position = Self.firstPosition(in: entries, above: value)
        return position == 0 ? 0 : cumulative[position - 1]
    }

    static func runningTotals(_ entries: [Entry]) -> [UInt64] {
        var totals: [UInt64] = []
        totals.reserveCapacity(entries.count)
        var sum: UInt64 = 0
        for entry in entries {
            sum += UInt64(entry.count)
            totals.append(sum)
        }
        return totals
    }

    /// Position of the first entry whose value is above `value` (binary search over sorted entries).
    static func firstPosition(in entries: [Entry], above value: UInt32) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].value <= value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
