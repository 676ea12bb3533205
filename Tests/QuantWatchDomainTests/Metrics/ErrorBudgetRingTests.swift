import Foundation
@testable import QuantWatchDomain
import QuantWatchTestSupport
import Testing

struct ErrorBudgetRingTests {
    typealias F = MetricsFixtures

    @Test func windowsSumTheirBuckets() {
        var ring = ErrorBudgetRing()
        // One probe a minute for 6 hours; every tenth fails.
        for minute in 0..<360 {
            ring.record(at: F.at(Double(minute * 60)), isError: minute % 10 == 0)
        }
        let now = F.at(360 * 60 - 1)
        let counts = ring.counts(over: [300, 1800, 3600, 21600], at: now)
        #expect(counts.map(\.requests) == [5, 30, 60, 360])
        #expect(counts.map(\.errors) == [0, 3, 6, 36])  // minutes 355...359 all succeeded
        #expect(counts[3].errorRatio == 0.1)
    }

    @Test func oldBucketsAreReusedAndForgotten() {
        var ring = ErrorBudgetRing()
        ring.record(at: F.at(0), isError: true)
        // Six hours later the same slot is reused for a new bucket.
        ring.record(at: F.at(21600), isError: false)
        let counts = ring.counts(over: [21600], at: F.at(21601))
        #expect(counts == [ErrorWindowCounts(requests: 1, errors: 0)])
        // A probe older than what its slot holds is dropped.
        ring.record(at: F.at(3), isError: true)
        #expect(ring.counts(over: [21600], at: F.at(21601)) == [ErrorWindowCounts(requests: 1, errors: 0)])
    }

    @Test func emptyRingCountsNothing() {
        let ring = ErrorBudgetRing()
        #expect(ring.counts(over: [300], at: F.epoch) == [ErrorWindowCounts()])
    }

    @Test func burnRateIsErrorRatioOverBudget() {
        let counts = ErrorWindowCounts(requests: 100, errors: 5)
        #expect(abs(BurnWindows.rate(counts, sloTarget: 0.99) - 5) < 1e-9)
        #expect(BurnWindows.rate(counts, sloTarget: 1) == .infinity)
        #expect(BurnWindows.rate(ErrorWindowCounts(requests: 10, errors: 0), sloTarget: 1) == 0)
    }
}
