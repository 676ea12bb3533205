import QuantWatchDomain
import Testing

/// Quantiles as Prometheus' histogram_quantile estimates them, and deltas between two scrapes.
struct PrometheusHistogramTests {
    private func histogram(_ pairs: [(Double, Double)]) -> PrometheusHistogram {
        PrometheusHistogram(
            buckets: pairs.map { .init(upperBound: $0.0, count: $0.1) }, sum: 0, count: pairs.last?.1 ?? 0)
    }

    @Test func interpolatesInsideTheBucketHoldingTheRank() throws {
        let h = histogram([(0.1, 10), (0.5, 90), (1, 100), (.infinity, 100)])
        // Rank 50 sits in (0.1, 0.5], 40 of its 80 observations in: 0.1 + 0.4 * 40/80.
        #expect(abs(try #require(h.quantile(0.5)) - 0.3) < 1e-12)
        // Rank 95 in (0.5, 1]: 0.5 + 0.5 * 5/10.
        #expect(abs(try #require(h.quantile(0.95)) - 0.75) < 1e-12)
        // The first bucket starts at 0.
        #expect(abs(try #require(h.quantile(0.05)) - 0.05) < 1e-12)
    }

    @Test func aRankInTheInfiniteBucketGivesTheHighestFiniteBound() {
        let h = histogram([(0.1, 1), (1, 2), (.infinity, 10)])
        #expect(h.quantile(0.99) == 1)
    }

    @Test func emptyHistogramsHaveNoQuantile() {
        #expect(histogram([(0.1, 0), (.infinity, 0)]).quantile(0.5) == nil)
        #expect(histogram([]).quantile(0.5) == nil)
    }

    @Test func sinceSubtractsBucketByBoundAndSurvivesARestart() {
        let before = PrometheusHistogram(
            buckets: [.init(upperBound: 0.1, count: 5), .init(upperBound: .infinity, count: 8)], sum: 2, count: 8)
        let after = PrometheusHistogram(
            buckets: [.init(upperBound: 0.1, count: 6), .init(upperBound: .infinity, count: 18)], sum: 12, count: 18)
        let delta = after.since(before)
        #expect(delta.buckets.map(\.count) == [1, 10])
        #expect(delta.count == 10)
        #expect(delta.sum == 10)
        // A server restart resets its counters: the later scrape is then the whole story.
        #expect(before.since(after) == before)
    }
}
