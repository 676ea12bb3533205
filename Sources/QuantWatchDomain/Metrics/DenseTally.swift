/// Merges many sorted bucket lists at once (a window built from an hour of slices after a restore) by counting
/// into a flat array over the HdrHistogram buckets between the lowest and highest value present: one increment
/// per entry and one walk of that range, where a sort or a chain of pairwise merges costs far more.
enum DenseTally {
    static func merged(_ lists: [[SliceSamples.Entry]]) -> [SliceSamples.Entry] {
        var lowest = Int.max
        var highest = Int.min
        for list in lists {
            guard let first = list.first, let last = list.last else { continue }
            lowest = Swift.min(lowest, HistogramLayout.denseIndex(ofFloor: first.value))
            highest = Swift.max(highest, HistogramLayout.denseIndex(ofFloor: last.value))
        }
        guard lowest <= highest else { return [] }
        var counts = [UInt32](repeating: 0, count: highest - lowest + 1)
        var occupied = 0
        counts.withUnsafeMutableBufferPointer { counts in
            for list in lists {
                for entry in list {
                    let slot = HistogramLayout.denseIndex(ofFloor: entry.value) - lowest
                    if counts[slot] == 0 { occupied += 1 }
                    counts[slot] += entry.count
                }
            }
        }
        var result: [SliceSamples.Entry] = []
        result.reserveCapacity(occupied)
        for (offset, count) in counts.enumerated() where count > 0 {
            result.append(SliceSamples.Entry(value: HistogramLayout.floor(ofDenseIndex: lowest + offset), count: count))
        }
        return result
    }
}
