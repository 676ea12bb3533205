@testable import QuantWatchDomain
import Testing

struct WilsonIntervalTests {
    /// Known intervals (z = 1.95996), computed by hand from the closed form.
    @Test(arguments: [
        (8, 10, 0.490162, 0.943318),
        (0, 10, 0.0, 0.277533),
        (10, 10, 0.722467, 1.0),
        (50, 100, 0.403832, 0.596168),
        (1, 3, 0.061492, 0.792340),
        (95, 100, 0.888250, 0.978456),
    ])
    func knownValues(correct: Int, total: Int, low: Double, high: Double) {
        let bounds = WilsonInterval.bounds(successes: correct, total: total)
        #expect(abs(bounds.low - low) < 1e-6)
        #expect(abs(bounds.high - high) < 1e-6)
    }

    @Test func noTrialsGiveTheWholeRange() {
        let bounds = WilsonInterval.bounds(successes: 0, total: 0)
        #expect(bounds.low == 0)
        #expect(bounds.high == 1)
        #expect(AccuracyStats(correct: 0, total: 0) == .empty)
    }

    @Test func accuracyStatsCarryTheInterval() {
        let stats = AccuracyStats(correct: 8, total: 10)
        #expect(stats.rate == 0.8)
        #expect((stats.wilsonLow * 10_000).rounded() / 10_000 == 0.4902)
        #expect((stats.wilsonHigh * 10_000).rounded() / 10_000 == 0.9433)
    }

    @Test func intervalNarrowsWithMoreTrials() {
        let small = WilsonInterval.bounds(successes: 8, total: 10)
        let large = WilsonInterval.bounds(successes: 800, total: 1000)
        #expect(large.high - large.low < small.high - small.low)
        #expect(large.low < 0.8 && 0.8 < large.high)
    }
}
