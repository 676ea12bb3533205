import Foundation
@testable import QuantWatchDomain
import QuantWatchTestSupport
import Testing

/// The per-minute history rows of a target snapshot: what each minute holds, late samples, the hour's edge.
struct MinuteHistoryTests {
    typealias F = MetricsFixtures

    private static let config: FleetConfig = {
        let suite = CanarySuite(
            name: "mini", path: "/suites/mini.yaml",
            canaries: [
                Canary(
                    id: "c1", category: "general", messages: [ChatMessage(role: .user, content: "?")],
                    scorer: .exact("ok"))
            ])
        let target = TargetConfig(
            id: "t", backend: .llamacpp, url: "http://127.0.0.1:1", model: "m", quant: "Q4", suitePaths: [suite.path])
        return FleetConfig(path: "fleet.yaml", targets: [target], suites: [suite.path: suite])
    }()

    private func minutes(_ aggregator: inout Aggregator, at seconds: Double) -> [HistoryBucket] {
        aggregator.snapshot(at: F.at(seconds), startedAt: F.epoch, paused: false, inFlight: 0).targets[0].minutes
    }

    @Test func eachMinuteCountsItsOwnProbes() throws {
        var aggregator = Aggregator(config: Self.config)
        // Minute 0: 100..400 ms, one wrong; minute 2: one failure and one success. Minute 1 is idle.
        for (second, latency) in [(1.0, 100.0), (10, 200), (20, 300), (59, 400)] {
            aggregator.record(F.success(target: "t", at: F.at(second), e2eMilliseconds: latency, correct: second != 20))
        }
        aggregator.record(F.failure(target: "t", at: F.at(125)))
        aggregator.record(F.success(target: "t", at: F.at(130), e2eMilliseconds: 1_000, correct: nil))
        let rows = minutes(&aggregator, at: 150)
        #expect(rows.map(\.start) == [F.at(0), F.at(120)])
        let first = try #require(rows.first)
        #expect(first.requests == 4)
        #expect(first.errors == 0)
        // HdrHistogram at 3 significant digits: within 0.1 %; the top one is clamped to the exact maximum.
        #expect(abs((first.p50 ?? 0) - 200) < 0.2)
        #expect(first.p95 == 400)
        #expect(first.accuracy == 0.75)
        let last = try #require(rows.last)
        #expect(last.errorRate == 0.5)
        #expect(last.accuracy == nil)
        #expect(last.p95 == 1_000)
    }

    @Test func lateSamplesAndNewMinutesUpdateTheRows() {
        var aggregator = Aggregator(config: Self.config)
        aggregator.record(F.success(target: "t", at: F.at(5), e2eMilliseconds: 100))
        aggregator.record(F.success(target: "t", at: F.at(65), e2eMilliseconds: 100))
        #expect(minutes(&aggregator, at: 70).map(\.requests) == [1, 1])
        // Unchanged: the same rows again.
        #expect(minutes(&aggregator, at: 71).map(\.requests) == [1, 1])
        // A late result for the first minute, and one in the current minute.
        aggregator.record(F.success(target: "t", at: F.at(30), e2eMilliseconds: 900))
        aggregator.record(F.success(target: "t", at: F.at(72), e2eMilliseconds: 100))
        let rows = minutes(&aggregator, at: 73)
        #expect(rows.map(\.requests) == [2, 2])
        #expect(rows.first?.p95 == 900)
    }

    @Test func minutesOlderThanAnHourLeave() {
        var aggregator = Aggregator(config: Self.config)
        aggregator.record(F.success(target: "t", at: F.at(10), e2eMilliseconds: 100))
        aggregator.record(F.success(target: "t", at: F.at(1_800), e2eMilliseconds: 100))
        #expect(minutes(&aggregator, at: 1_800).count == 2)
        #expect(minutes(&aggregator, at: 3_650).map(\.start) == [F.at(1_800)])
        #expect(minutes(&aggregator, at: 5_500).isEmpty)
    }
}
