/// Everything recorded for one target in one time slice (a few seconds) of the sliding windows.
struct WindowSlice: Sendable, Equatable {
    /// Slice number: floor(seconds since 1970 / slice length).
    let index: Int64
    var e2e = SliceSamples()
    var ttft = SliceSamples()
    var tpot = SliceSamples()
    var decode = SliceSamples()
    var counters = WindowCounters()

    init(index: Int64) {
        self.index = index
    }

    mutating func add(_ sample: ProbeSample) {
        if let value = sample.e2e { e2e.add(value) }
        if let value = sample.ttft { ttft.add(value) }
        if let value = sample.tpot { tpot.add(value) }
        if let value = sample.decodeCentiTokensPerSecond { decode.add(value) }
        counters.add(sample)
    }

    mutating func compact() {
        e2e.compact()
        ttft.compact()
        tpot.compact()
        decode.compact()
    }
}
