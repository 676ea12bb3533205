/// One metric over a run of slices as sorted HdrHistogram bucket counts, to which slices are added and from
/// which they are taken away again, so a window follows time without re-merging all of its slices.
struct SparseDistribution: Sendable, Equatable {
    typealias Entry = SliceSamples.Entry

    private(set) var entries: [Entry] = []

    var total: Int { entries.reduce(0) { $0 + Int($1.count) } }

    mutating func add(_ other: [Entry]) {
        guard !other.isEmpty else { return }
        entries = SliceSamples.merge(entries, other)
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
        entries = result
    }

    mutating func removeAll() {
        entries.removeAll()
    }
}
