@testable import QuantWatchDomain
import Testing

struct ScheduleLagTests {
    @Test func percentilesComeFromEveryLagRecorded() {
        var lag = ScheduleLag()
        #expect(lag.p50Milliseconds == 0 && lag.p99Milliseconds == 0)
        // 1...100 ms, plus one early start (negative lag counts as on time).
        for ms in 1...100 { lag.add(.milliseconds(ms)) }
        lag.add(.milliseconds(-5))
        #expect(lag.probes == 101)
        #expect(abs(lag.p50Milliseconds - 50) <= 0.1, "\(lag.p50Milliseconds)")
        #expect(abs(lag.p99Milliseconds - 99) <= 0.1, "\(lag.p99Milliseconds)")
        #expect(lag.maxMilliseconds == 100)
        #expect(abs(lag.percentileMilliseconds(100) - 100) <= 0.1)
        #expect(abs(lag.meanMilliseconds - 5050.0 / 101) < 1e-9)
    }
}
