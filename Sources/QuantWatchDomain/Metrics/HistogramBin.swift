/// One bar of a latency histogram: samples with value <= `upperMilliseconds` (and above the previous bin).
public struct HistogramBin: Sendable, Equatable, Codable {
    public var upperMilliseconds: Double
    public var count: Int

    public init(upperMilliseconds: Double, count: Int) {
        self.upperMilliseconds = upperMilliseconds
        self.count = count
    }
}
