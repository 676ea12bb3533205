/// Exact count, sum, minimum and maximum of integer samples; merged across slices without loss.
struct ExactMoments: Sendable, Equatable {
    private(set) var count: Int = 0
    private(set) var sum: UInt64 = 0
    private(set) var min: UInt32 = .max
    private(set) var max: UInt32 = 0

    @inline(__always)
    mutating func add(_ value: UInt32) {
        count += 1
        sum &+= UInt64(value)
        if value < min { min = value }
        if value > max { max = value }
    }

    mutating func add(_ other: ExactMoments) {
        guard other.count > 0 else { return }
        count += other.count
        sum &+= other.sum
        min = Swift.min(min, other.min)
        max = Swift.max(max, other.max)
    }

    /// Arithmetic mean, nil without samples.
    var mean: Double? { count == 0 ? nil : Double(sum) / Double(count) }
}
