import DequeModule

/// The closed slices of one window, merged: their bucket counts per metric, exact moments and counters, for slice
/// indices in `(lower, upper]`. Moved along with time by adding the slices that enter and subtracting those that
/// leave, so a read adds only the open slice to it.
struct WindowPart: Sendable, Equatable {
    private(set) var lower: Int64 = .min
    private(set) var upper: Int64 = .min
    private(set) var e2e = SparseDistribution()
    private(set) var ttft = SparseDistribution()
    private(set) var tpot = SparseDistribution()
    private(set) var decode = SparseDistribution()
    private(set) var e2eMoments = ExactMoments()
    private(set) var ttftMoments = ExactMoments()
    private(set) var tpotMoments = ExactMoments()
    private(set) var decodeMoments = ExactMoments()
    private(set) var counters = WindowCounters()
    /// The e2e bin counts last read, for the min, max and bin count they were read with (nil once e2e changed).
    private var e2eBins: (low: UInt64, high: UInt64, count: Int, counts: [Int])?

    static func == (lhs: WindowPart, rhs: WindowPart) -> Bool {
        lhs.lower == rhs.lower && lhs.upper == rhs.upper && lhs.e2e == rhs.e2e && lhs.ttft == rhs.ttft
            && lhs.tpot == rhs.tpot && lhs.decode == rhs.decode && lhs.e2eMoments == rhs.e2eMoments
            && lhs.ttftMoments == rhs.ttftMoments && lhs.tpotMoments == rhs.tpotMoments
            && lhs.decodeMoments == rhs.decodeMoments && lhs.counters == rhs.counters
    }

    /// Whether a slice index lies in the merged range.
    func covers(_ index: Int64) -> Bool { index > lower && index <= upper }

    /// Makes the part hold exactly the slices in `(newLower, newUpper]` (`slices` sorted by index).
    mutating func move(lower newLower: Int64, upper newUpper: Int64, slices: Deque<WindowSlice>) {
        let target = Swift.max(newUpper, newLower)
        if newLower == lower && target == upper { return }
        e2eBins = nil
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
                let leaving = Self.range(of: slices, above: lower, upTo: newLower)
                var extremesLeft = false
                for position in leaving { extremesLeft = remove(slices[position]) || extremesLeft }
                lower = newLower
                if extremesLeft { recomputeMoments(Self.range(of: slices, above: lower, upTo: upper), slices) }
            }
            lower = newLower
        }
        if target > upper {
            let entering = Self.range(of: slices, above: upper, upTo: target)
            if entering.count > 4 {
                // Many slices at once (first read, or after a pause): one tally instead of a merge per slice.
                e2e.replace(with: Self.tallied(e2e.entries, slices, entering, \.e2e))
                ttft.replace(with: Self.tallied(ttft.entries, slices, entering, \.ttft))
                tpot.replace(with: Self.tallied(tpot.entries, slices, entering, \.tpot))
                decode.replace(with: Self.tallied(decode.entries, slices, entering, \.decode))
                for position in entering { addFigures(slices[position]) }
            } else {
                for position in entering {
                    let slice = slices[position]
                    e2e.add(slice.e2e.bucketed)
                    ttft.add(slice.ttft.bucketed)
                    tpot.add(slice.tpot.bucketed)
                    decode.add(slice.decode.bucketed)
                    addFigures(slice)
                }
            }
            upper = target
        }
    }

    /// Adds one late sample that landed in a slice this part already holds.
    mutating func add(_ sample: ProbeSample) {
        e2eBins = nil
        if let value = sample.e2e {
            e2e.add(SliceSamples.bucket([value]))
            e2eMoments.add(value)
        }
        if let value = sample.ttft {
            ttft.add(SliceSamples.bucket([value]))
            ttftMoments.add(value)
        }
        if let value = sample.tpot {
            tpot.add(SliceSamples.bucket([value]))
            tpotMoments.add(value)
        }
        if let value = sample.decodeCentiTokensPerSecond {
            decode.add(SliceSamples.bucket([value]))
            decodeMoments.add(value)
        }
        counters.add(sample)
    }

    /// The e2e bin counts of the part for a window whose exact min and max are `low` and `high`, kept until
    /// either or the part changes (the open slice rarely holds a new extreme of a long window).
    mutating func e2eBinCounts(low: UInt64, high: UInt64, count: Int) -> [Int] {
        guard count > 0 else { return [] }
        if let cached = e2eBins, cached.low == low, cached.high == high, cached.count == count { return cached.counts }
        let counts = DistributionScan.binCounts(e2e.entries, low: low, high: high, count: count)
        e2eBins = (low, high, count, counts)
        return counts
    }

    // MARK: - Internals

    private mutating func addFigures(_ slice: WindowSlice) {
        e2eMoments.add(slice.e2e.moments)
        ttftMoments.add(slice.ttft.moments)
        tpotMoments.add(slice.tpot.moments)
        decodeMoments.add(slice.decode.moments)
        counters.add(slice.counters)
    }

    /// Takes a leaving slice out; true when it held a minimum or maximum of the part (to be recomputed).
    private mutating func remove(_ slice: WindowSlice) -> Bool {
        e2e.subtract(slice.e2e.bucketed)
        ttft.subtract(slice.ttft.bucketed)
        tpot.subtract(slice.tpot.bucketed)
        decode.subtract(slice.decode.bucketed)
        counters.subtract(slice.counters)
        var extremes = false
        extremes = e2eMoments.remove(slice.e2e.moments) || extremes
        extremes = ttftMoments.remove(slice.ttft.moments) || extremes
        extremes = tpotMoments.remove(slice.tpot.moments) || extremes
        extremes = decodeMoments.remove(slice.decode.moments) || extremes
        return extremes
    }

    private mutating func recomputeMoments(_ positions: Range<Int>, _ slices: Deque<WindowSlice>) {
        e2eMoments = ExactMoments()
        ttftMoments = ExactMoments()
        tpotMoments = ExactMoments()
        decodeMoments = ExactMoments()
        for position in positions {
            e2eMoments.add(slices[position].e2e.moments)
            ttftMoments.add(slices[position].ttft.moments)
            tpotMoments.add(slices[position].tpot.moments)
            decodeMoments.add(slices[position].decode.moments)
        }
    }

    /// Positions of the slices with index in `(lower, upper]`.
    private static func range(of slices: Deque<WindowSlice>, above lower: Int64, upTo upper: Int64) -> Range<Int> {
        let start = firstPosition(of: slices, above: lower)
        let end = firstPosition(of: slices, above: upper)
        return start..<Swift.max(start, end)
    }

    private static func firstPosition(of slices: Deque<WindowSlice>, above index: Int64) -> Int {
        var low = 0
        var high = slices.count
        while low < high {
            let middle = (low + high) / 2
            if slices[middle].index <= index { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// `existing` and one metric of many slices as one sorted list.
    private static func tallied(
        _ existing: [SliceSamples.Entry], _ slices: Deque<WindowSlice>, _ positions: Range<Int>,
        _ metric: KeyPath<WindowSlice, SliceSamples>
    ) -> [SliceSamples.Entry] {
        var lists = [existing]
        lists.reserveCapacity(positions.count + 1)
        for position in positions { lists.append(slices[position][keyPath: metric].bucketed) }
        return DenseTally.merged(lists)
    }

    private mutating func clear() {
        e2e.removeAll()
        ttft.removeAll()
        tpot.removeAll()
        decode.removeAll()
        e2eMoments = ExactMoments()
        ttftMoments = ExactMoments()
        tpotMoments = ExactMoments()
        decodeMoments = ExactMoments()
        counters = WindowCounters()
    }
}
