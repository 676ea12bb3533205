@testable import QuantWatchBackends

/// A seeded generator for monitors whose schedule a test repeats: the probe loops' own SplitMix64.
typealias SeededRandom = ScheduleRandom

/// Always 0: every loop starts at phase 0 and every jitter draw is the earliest, for schedules a test spells out.
struct ZeroRandom: RandomNumberGenerator, Sendable {
    mutating func next() -> UInt64 { 0 }
}
