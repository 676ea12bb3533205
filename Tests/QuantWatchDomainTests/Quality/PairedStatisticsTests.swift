@testable import QuantWatchDomain
import Testing

/// Reference values from scipy 1.17 (`scipy.stats.binom`, `binomtest`) and an independent transcription of
/// Newcombe's method 10 over statsmodels-style Wilson bounds (`norm.ppf` for z).
struct PairedStatisticsTests {
    @Test(arguments: [
        // (k, n, p, P(X >= k), one-sided mid-p above)
        (4, 120, 0.01, 0.032984912238996876, 0.020184103389798508),
        (1, 36, 0.01, 0.3035867819504263, 0.1769661968505038),
        (7, 300, 0.01, 0.032750946402779035, 0.02211251251882839),
    ])
    func binomialTails(k: Int, n: Int, p: Double, atLeast: Double, midP: Double) {
        #expect(abs(BinomialTail.atLeast(k, trials: n, p: p) - atLeast) < 1e-9)
        #expect(abs(BinomialTail.midPAbove(k, trials: n, p: p) - midP) < 1e-9)
    }

    @Test func binomialTailsAddUp() {
        for n in [1, 10, 57, 300] {
            for k in 0...n where k % 3 == 0 {
                let total = BinomialTail.atMost(k, trials: n, p: 0.2) + BinomialTail.atLeast(k + 1, trials: n, p: 0.2)
                #expect(abs(total - 1) < 1e-9)
            }
        }
        #expect(BinomialTail.atLeast(0, trials: 5, p: 0.3) == 1)
        #expect(BinomialTail.atLeast(6, trials: 5, p: 0.3) == 0)
        #expect(BinomialTail.probability(3, trials: 3, p: 1) == 1)
    }

    @Test(arguments: [
        // (improvements, regressions, one-sided mid-p worse, exact two-sided)
        (0, 4, 0.03125, 0.125),
        (0, 5, 0.015625, 0.0625),
        (1, 6, 0.03515625, 0.125),
        (0, 3, 0.0625, 0.25),
        (3, 3, 0.5, 1.0),
    ])
    func mcNemar(improvements: Int, regressions: Int, midP: Double, exact: Double) {
        let counts = PairedCounts(
            pairs: 20, bothRight: 10, improvements: improvements, regressions: regressions,
            bothWrong: 10 - improvements - regressions)
        #expect(abs(PairedStatistics.mcNemarWorse(counts) - midP) < 1e-12)
        #expect(abs(PairedStatistics.mcNemarExactTwoSided(counts) - exact) < 1e-12)
    }

    @Test func noDiscordantPairsIsNoEvidence() {
        let counts = PairedCounts(pairs: 56, agreeing: 56, bothRight: 48, bothWrong: 8)
        #expect(PairedStatistics.mcNemarWorse(counts) == 1)
        #expect(counts.deltaPoints == 0)
    }

    @Test(arguments: [
        // (bothRight, improvements, regressions, bothWrong, low, high) at 95%
        (8, 0, 4, 2, -50.26329664018776, -4.077179113542384),
        (43, 0, 5, 8, -17.689294667165072, -1.2340067179810092),
        (40, 1, 6, 9, -18.511678693017632, 0.2054464177513024),
        (12, 0, 0, 2, -15.379343052688268, 15.379343052688268),
    ])
    func newcombeInterval(e: Int, f: Int, g: Int, h: Int, low: Double, high: Double) throws {
        let counts = PairedCounts(pairs: e + f + g + h, bothRight: e, improvements: f, regressions: g, bothWrong: h)
        let interval = try #require(PairedStatistics.deltaInterval(counts, confidence: 0.95))
        #expect(abs(interval.low - low) < 1e-4)
        #expect(abs(interval.high - high) < 1e-4)
    }

    @Test func zValuesMatchTheNormalQuantiles() {
        #expect(abs(PairedStatistics.zValue(confidence: 0.95) - 1.959963984540054) < 1e-9)
        #expect(abs(PairedStatistics.zValue(confidence: 0.9) - 1.6448536269514722) < 1e-9)
        #expect(abs(PairedStatistics.zValue(confidence: 0.99) - 2.5758293035489004) < 1e-9)
    }
}
