/// How late probes started against their schedule (waiting for a permit or for the actor included).
public struct ScheduleLag: Sendable, Equatable {
    public var probes: Int = 0
    public var totalMilliseconds: Double = 0
    public var maxMilliseconds: Double = 0

    public init() {}

    public var meanMilliseconds: Double { probes == 0 ? 0 : totalMilliseconds / Double(probes) }

    mutating func add(_ lag: Duration) {
        let ms = max(0, lag.milliseconds)
        probes += 1
        totalMilliseconds += ms
        maxMilliseconds = max(maxMilliseconds, ms)
    }
}
