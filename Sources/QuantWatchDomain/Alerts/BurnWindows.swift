import Foundation

/// Request and error counts over the four windows of the multiwindow SLO burn-rate rule.
public struct BurnWindows: Sendable, Equatable {
    /// Window lengths in seconds, in the order of the fields: 5m, 30m, 1h, 6h.
    public static let seconds: [Int64] = [300, 1800, 3600, 21600]
    /// Fast burn: this many times the budget rate over 1h and 5m is critical.
    public static let fastFactor = 14.4
    /// Slow burn: this many times over 6h and 30m is a warning.
    public static let slowFactor = 6.0
    /// A window counts once its data spans this share of its length (a "6h" burn 90 s after start is not one).
    public static let requiredCoverage = 0.75

    public var fiveMinutes: ErrorWindowCounts
    public var thirtyMinutes: ErrorWindowCounts
    public var oneHour: ErrorWindowCounts
    public var sixHours: ErrorWindowCounts
    /// Seconds from the oldest probe in the last 6 hours to now.
    public var coveredSeconds: Int64

    public init(
        fiveMinutes: ErrorWindowCounts = ErrorWindowCounts(), thirtyMinutes: ErrorWindowCounts = ErrorWindowCounts(),
        oneHour: ErrorWindowCounts = ErrorWindowCounts(), sixHours: ErrorWindowCounts = ErrorWindowCounts(),
        coveredSeconds: Int64 = 0
    ) {
        self.coveredSeconds = coveredSeconds
        self.fiveMinutes = fiveMinutes
        self.thirtyMinutes = thirtyMinutes
        self.oneHour = oneHour
        self.sixHours = sixHours
    }

    /// Counts read from a ring at `now`.
    public init(_ ring: ErrorBudgetRing, at now: Date) {
        let (counts, oldest) = ring.scan(over: Self.seconds, at: now)
        self.init(
            fiveMinutes: counts[0], thirtyMinutes: counts[1], oneHour: counts[2], sixHours: counts[3],
            coveredSeconds: ErrorBudgetRing.covered(from: oldest, to: now))
    }

    /// Whether the data spans enough of a window of `seconds` for it to count.
    public func holds(seconds: Int64) -> Bool {
        Double(coveredSeconds) >= Self.requiredCoverage * Double(seconds)
    }

    /// How many times faster than the SLO allows the budget burns: error ratio / (1 − sloTarget).
    ///
    /// With no budget (target 100%) any error burns infinitely fast.
    public static func rate(_ counts: ErrorWindowCounts, sloTarget: Double) -> Double {
        let budget = 1 - sloTarget
        if budget <= 0 { return counts.errors > 0 ? .infinity : 0 }
        return counts.errorRatio / budget
    }
}
