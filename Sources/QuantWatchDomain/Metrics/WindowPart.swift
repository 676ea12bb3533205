/// The closed slices of one window, merged: their bucket counts per metric, for slice indices in
/// `(lower, upper]`. Moved along with time by adding the slices that enter and subtracting those that leave.
struct WindowPart: Sendable, Equatable {
    private(set) var lower: Int64 = .min
    private(set) var upper: Int64 = .min
    private(set) var e2e = SparseDistribution()
    private(set) var ttft = SparseDistribution()
    private(set) var tpot = SparseDistribution()
    private(set) var decode = SparseDistribution()

    /// Whether a slice index lies in the merged range.
    func covers(_ index: Int64) -> Bool { index > lower && index <= upper }

    /// Makes the part hold exactly the slices in `(newLower, newUpper]` (`slices` sorted by index).
    mutating func move(lower newLower: Int64, upper newUpper: Int64, slices: some RandomAccessCollection<WindowSlice>) {
        let target = Swift.max(newUpper, newLower)
        if newLower < lower || target < upper || upper <= lower {
            clear()
            lower = newLower
            upper = newLower
        }
        if newLower > lower {
            if newLower >= upper {
                clear()
                upper = newLower
            } else {
                for slice in slices where slice.index > lower && slice.index <= newLower { apply(slice, adding: false) }
            }
            lower = newLower
        }
        if target > upper {
            let entering = slices.filter { $0.index > upper && $0.index <= target }
            if entering.count > 4 {
                // Many slices at once (first read, or after a pause): one sort instead of a merge per slice.
                e2e.add(Self.combined(entering.map(\.e2e)))
                ttft.add(Self.combined(entering.map(\.ttft)))
                tpot.add(Self.combined(entering.map(\.tpot)))
                decode.add(Self.combined(entering.map(\.decode)))
            } else {
                for slice in entering { apply(slice, adding: true) }
            }
            upper = target
        }
    }

    /// Adds one late sample that landed in a slice this part already holds.
    mutating func add(_ sample: ProbeSample) {
        if let value = sample.e2e { e2e.add(SliceSamples.bucket([value])) }
        if let value = sample.ttft { ttft.add(SliceSamples.bucket([value])) }
        if let value = sample.tpot { tpot.add(SliceSamples.bucket([value])) }
        if let value = sample.decodeCentiTokensPerSecond { decode.add(SliceSamples.bucket([value])) }
    }

    private mutating func apply(_ slice: WindowSlice, adding: Bool) {
        if adding {
            e2e.add(slice.e2e.bucketed)
            ttft.add(slice.ttft.bucketed)
            tpot.add(slice.tpot.bucketed)
            decode.add(slice.decode.bucketed)
        } else {
            e2e.subtract(slice.e2e.bucketed)
            ttft.subtract(slice.ttft.bucketed)
            tpot.subtract(slice.tpot.bucketed)
            decode.subtract(slice.decode.bucketed)
        }
    }

    /// The bucket entries of many slices as one sorted list.
    private static func combined(_ samples: [SliceSamples]) -> [SliceSamples.Entry] {
        var all = samples.flatMap(\.bucketed)
        all.sort { $0.value < $1.value }
        var result: [SliceSamples.Entry] = []
        result.reserveCapacity(all.count)
        for entry in all {
            if let last = result.last, last.value == entry.value {
                result[result.count - 1].count += entry.count
            } else {
                result.append(entry)
            }
        }
        return result
    }

    private mutating func clear() {
        e2e.removeAll()
        ttft.removeAll()
        tpot.removeAll()
        decode.removeAll()
    }
}
