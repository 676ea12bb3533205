import Foundation
@testable import QuantWatchDomain
import QuantWatchTestSupport
import Testing

struct AggregatorTests {
    typealias F = MetricsFixtures

    private static let suite = MetricsFixtures.miniSuite

    private static func config(hold: Int = 1) -> FleetConfig {
        let alerts = AlertThresholds(p99Milliseconds: 1000, downAfterFailures: 3, holdEvaluations: hold)
        func target(_ id: String, baseline: String? = nil, price: Price? = nil) -> TargetConfig {
            TargetConfig(
                id: id, backend: .llamacpp, url: "http://127.0.0.1:1", model: "llama", quant: id.uppercased(),
                baseline: baseline, suitePaths: [suite.path], alerts: alerts, price: price)
        }
        return FleetConfig(
            path: "fleet.yaml",
            targets: [
                target("fp16"), target("q4", baseline: "fp16"),
                target("remote", price: Price(input: 0.15, output: 0.6)), target("q8", baseline: "recorded"),
                target("idle", baseline: "fp16"),
            ],
            suites: [suite.path: suite], alerts: alerts)
    }

    private static func tokens(_ pieces: [(String, Double)]) -> [TokenLogprob] {
        pieces.map { token, probability in
            TokenLogprob(
                token: token, logprob: log(probability),
                top: [.init(token: token, logprob: log(probability)), .init(token: "~", logprob: log(0.05))])
        }
    }

    private static let fp16Paris = tokens([("Par", 0.9), ("is", 0.95)])
    private static let q4Paris = tokens([("Par", 0.8), ("is", 0.9)])
    private static let fp16Four = tokens([("4", 0.9)])
    private static let q4Five = tokens([("5", 0.6)])

    /// fp16 right on both canaries, q4 wrong on math, remote failing, q8 compared with a recorded baseline.
    private func fedAggregator(hold: Int = 1, historyLength: Int = 120) -> Aggregator {
        var aggregator = Aggregator(config: Self.config(hold: hold), historyLength: historyLength)
        aggregator.record(
            F.success(
                target: "fp16", canary: "g1", at: F.at(1), e2eMilliseconds: 400,
                text: "Paris", correct: true, logprobs: Self.fp16Paris))
        aggregator.record(
            F.success(
                target: "fp16", canary: "m1", category: "math", at: F.at(1), e2eMilliseconds: 300,
                text: "4", correct: true, logprobs: Self.fp16Four))
        for (offset, latency) in [100.0, 200, 300, 400].enumerated() {
            aggregator.record(
                F.success(
                    target: "q4", canary: "g1", at: F.at(Double(offset)), e2eMilliseconds: latency,
                    ttftMilliseconds: 50, outputTokens: 11, text: "paris.", correct: true, logprobs: Self.q4Paris))
        }
        aggregator.record(
            F.success(
                target: "q4", canary: "m1", category: "math", at: F.at(2), e2eMilliseconds: 250,
                text: "5", correct: false, logprobs: Self.q4Five))
        for second in [1.0, 2, 3] {
            aggregator.record(F.failure(target: "remote", at: F.at(second), .http5xx, retries: 1))
        }
        aggregator.record(
            F.success(
                target: "recorded", canary: "g1", at: F.at(1), e2eMilliseconds: 1,
                text: "Lyon", correct: false))
        aggregator.record(F.success(target: "q8", canary: "g1", at: F.at(1), e2eMilliseconds: 150, text: "Paris"))
        aggregator.record(F.success(target: "stranger", canary: "g1", at: F.at(1), e2eMilliseconds: 1))
        aggregator.evaluateAll(at: F.at(10))
        return aggregator
    }

    @Test func snapshotFillsEveryTarget() throws {
        var aggregator = fedAggregator()
        let snapshot = aggregator.snapshot(at: F.at(10), startedAt: F.epoch, paused: false, inFlight: 2)
        #expect(snapshot.targets.map(\.id) == ["fp16", "q4", "remote", "q8", "idle"])
        #expect(snapshot.takenAt == F.at(10))
        #expect(snapshot.inFlight == 2)
        // 5 (q4) + 2 (fp16) + 3 (remote) + 1 (q8) probes in the last 10 s; "recorded" and "stranger" are not targets.
        #expect(abs(snapshot.probesPerSecond - 1.1) < 1e-12)

        let q4 = try #require(snapshot.targets.first { $0.id == "q4" })
        #expect(q4.quant == "Q4")
        #expect(q4.baseline == "fp16")
        #expect(Set(q4.windows.keys) == Set(MetricWindow.allCases))
        let minute = q4.stats(.oneMinute)
        #expect(minute.requests == 5)
        #expect(minute.e2e.count == 5)
        #expect(minute.e2e.min == 100)
        #expect(minute.e2e.max == 400)
        #expect(minute.e2e.mean == 250)
        #expect(minute.e2e.p50 == 250.111)  // rank 3 of 100, 200, 250, 300, 400: the 128 µs bucket [249_984, 250_111]
        #expect(minute.e2e.p99 == 400)
        #expect(minute.ttft.p50 == 50.015)  // the 32 µs bucket [49_984, 50_015] µs
        #expect(minute.ttft.min == 50)
        #expect(abs(minute.tokensPerSecond - 5.4) < 1e-12)  // 4 x 11 + 10 tokens in 10 s
        #expect(minute.e2eHistogram.map(\.count).reduce(0, +) == 5)

        // Quality: general agrees (1/1 right on both), math does not (0/1 vs 1/1).
        #expect(q4.overall.accuracy.correct == 4)  // rolling: g1's last four right, m1 one wrong
        #expect(q4.overall.accuracy.total == 5)
        // Paired: one canary each, latest answers (g1 four times on q4 still weighs as one).
        #expect(q4.overall.baselineAccuracy?.total == 2)
        #expect(q4.overall.deltaPoints == -50)
        #expect(q4.overall.paired == PairedCounts(pairs: 2, agreeing: 1, bothRight: 1, regressions: 1))
        #expect(q4.overall.answerAgreement == 0.5)
        #expect(q4.overall.pairs == 2)
        var drift = TokenDrift.compare(baseline: Self.fp16Paris, quant: Self.q4Paris)
        drift.add(TokenDrift.compare(baseline: Self.fp16Four, quant: Self.q4Five))
        #expect(q4.overall.top1Agreement == 2.0 / 3.0)
        #expect(q4.overall.meanKLD == drift.meanKLD)
        #expect(q4.categories.map(\.category) == ["general", "math"])
        #expect(q4.categories[1].deltaPoints == -100)
        #expect(q4.categories[0].deltaPoints == 0)
        // Two pairs, one flipped: past every threshold and no evidence of anything.
        #expect(q4.overall.deltaSeverity == .unknown)
        #expect(q4.verdict == .inconclusive)
        #expect(q4.state == .ok)
        #expect(q4.reasons.isEmpty)
        #expect(q4.lastAnswers.map(\.canaryID) == ["g1", "m1"])
        #expect(q4.lastAnswers[1].answer == "5")
        #expect(q4.lastAnswers[1].baselineAnswer == "4")
        #expect(q4.lastAnswers[1].baselineCorrect == true)
        #expect(q4.history.count == 1)
        #expect(q4.history.first?.p99 == 400)

        let remote = try #require(snapshot.targets.first { $0.id == "remote" })
        #expect(remote.consecutiveFailures == 3)
        #expect(remote.lastError?.errorClass == .http5xx)
        #expect(remote.stats(.fiveMinutes).errors == [.http5xx: 3])
        #expect(remote.stats(.fiveMinutes).retries == 3)
        #expect(remote.stats(.fiveMinutes).e2e == .empty)
        #expect(remote.state == .critical)
        #expect(remote.price == Price(input: 0.15, output: 0.6))
        #expect(remote.verdict == nil)
        #expect(remote.history.first?.p50 == nil)

        let q8 = try #require(snapshot.targets.first { $0.id == "q8" })
        #expect(q8.lastAnswers.first?.baselineAnswer == "Lyon")
        #expect(q8.overall.answerAgreement == 0)
        #expect(q8.overall.deltaPoints == 100)
        #expect(q8.verdict == .inconclusive)

        let idle = try #require(snapshot.targets.first { $0.id == "idle" })
        #expect(idle.state == .unknown)
        #expect(idle.stats(.oneHour).requests == 0)
        #expect(idle.overall.accuracy == .empty)
        #expect(idle.verdict == nil)
        #expect(idle.lastAnswers.isEmpty)
        #expect(idle.categories.map(\.category) == ["general", "math"])

        let fp16 = try #require(snapshot.targets.first { $0.id == "fp16" })
        #expect(fp16.state == .ok)
        #expect(fp16.overall.baselineAccuracy == nil)
        #expect(snapshot.fleetState == .critical)
    }

    @Test func eventsAreDrainedOnceAndKeptInSnapshots() {
        var aggregator = fedAggregator()
        let snapshot = aggregator.snapshot(at: F.at(10), startedAt: F.epoch, paused: false, inFlight: 0)
        let drained = aggregator.drainEvents()
        #expect(drained == snapshot.events)
        let pairs = Set(drained.map { "\($0.targetID) \($0.rule) \($0.to.name)" })
        #expect(pairs == ["remote down critical", "remote error_rate critical"])
        #expect(!drained.contains { $0.to == .ok })  // settling from unknown is silent
        #expect(aggregator.drainEvents().isEmpty)
        let next = aggregator.snapshot(at: F.at(11), startedAt: F.epoch, paused: false, inFlight: 0)
        #expect(next.events == snapshot.events)  // nothing changed, the log keeps what was
        #expect(aggregator.drainEvents().isEmpty)  // and taking snapshots evaluates nothing
    }

    @Test func recoveryProducesEventsAfterTheHold() throws {
        var aggregator = fedAggregator(hold: 2)
        _ = aggregator.drainEvents()
        aggregator.record(F.success(target: "remote", at: F.at(11), e2eMilliseconds: 100), evaluatingAt: F.at(11))
        // Snapshots in between are reads: they neither count as evaluations nor move the hold.
        for second in 12..<20 {
            _ = aggregator.snapshot(at: F.at(Double(second)), startedAt: F.epoch, paused: false, inFlight: 0)
        }
        let first = aggregator.snapshot(at: F.at(20), startedAt: F.epoch, paused: false, inFlight: 0)
        #expect(first.targets.first { $0.id == "remote" }?.state == .critical)  // held once
        #expect(aggregator.drainEvents().isEmpty)
        aggregator.record(F.success(target: "remote", at: F.at(21), e2eMilliseconds: 100), evaluatingAt: F.at(21))
        let second = aggregator.snapshot(at: F.at(22), startedAt: F.epoch, paused: false, inFlight: 0)
        let recovered = aggregator.drainEvents()
        #expect(recovered.map(\.rule) == ["down"])
        #expect(recovered.first?.from == .critical && recovered.first?.to == .ok)
        // Still critical: 3 of 5 probes failed.
        let remote = try #require(second.targets.first { $0.id == "remote" })
        #expect(remote.consecutiveFailures == 0)
        #expect(remote.state == .critical)
    }

    @Test func historyIsBoundedAndWindowsExpire() throws {
        var aggregator = fedAggregator(historyLength: 3)
        for second in 10..<20 {
            aggregator.evaluate(targetID: "q4", at: F.at(Double(second)))
            aggregator.evaluate(targetID: "q4", at: F.at(Double(second) + 0.5))  // same second: one point
        }
        aggregator.evaluate(targetID: "q4", at: F.at(4000))
        let late = aggregator.snapshot(at: F.at(4000), startedAt: F.epoch, paused: true, inFlight: 0)
        let q4 = try #require(late.targets.first { $0.id == "q4" })
        #expect(q4.history.count == 3)
        #expect(q4.history.last?.at == F.at(4000))
        #expect(q4.history.first?.at == F.at(18.5))
        #expect(q4.history.last?.p50 == nil)  // an hour later the windows are empty
        #expect(q4.stats(.oneHour).requests == 0)
        #expect(q4.paused)
        #expect(late.paused)
        // Answers are not time-windowed: quality stays.
        #expect(q4.overall.pairs == 2)
    }

    @Test func eventLogKeepsTheLastTwoHundred() {
        let thresholds = AlertThresholds(p99Milliseconds: 1000, downAfterFailures: 1, holdEvaluations: 1)
        let targets = (0..<150).map {
            TargetConfig(id: "t\($0)", backend: .openai, url: "http://127.0.0.1:1", alerts: thresholds)
        }
        var aggregator = Aggregator(config: FleetConfig(path: "f", targets: targets, suites: [:]))
        for target in targets {
            for second in 1...3 {
                aggregator.record(F.failure(target: target.id, at: F.at(Double(second))), evaluatingAt: F.at(3))
            }
        }
        let snapshot = aggregator.snapshot(at: F.at(4), startedAt: F.epoch, paused: false, inFlight: 0)
        let drained = aggregator.drainEvents()
        #expect(drained.count == 300)  // down after one failure, error_rate after three (min_failures)
        #expect(snapshot.events.count == Aggregator.maxEvents)
        #expect(snapshot.events == Array(drained.suffix(Aggregator.maxEvents)))
    }
}
