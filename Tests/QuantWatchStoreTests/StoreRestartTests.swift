import Foundation
import QuantWatchBackends
@testable import QuantWatchDomain
@testable import QuantWatchStore
import QuantWatchTestSupport
import Testing

/// A restart replays the store into a fresh monitor: drift figures, alert states and the event log come back as
/// they were, and no alert that was already firing is announced again.
struct StoreRestartTests {
    typealias F = MetricsFixtures

    private static let suite = MetricsFixtures.miniSuite

    private static let config: FleetConfig = {
        let alerts = AlertThresholds(p99Milliseconds: 1000, downAfterFailures: 3, holdEvaluations: 2)
        func target(_ id: String, baseline: String? = nil) -> TargetConfig {
            TargetConfig(
                id: id, backend: .llamacpp, url: "http://127.0.0.1:1", model: "llama", quant: id.uppercased(),
                baseline: baseline, suitePaths: [suite.path], alerts: alerts)
        }
        return FleetConfig(
            path: "fleet.yaml", targets: [target("fp16"), target("q4", baseline: "fp16"), target("remote")],
            suites: [suite.path: suite], alerts: alerts)
    }()

    /// Logprobs of one answer: `float` ones as vLLM sends them (Float32 values), others full Doubles; `shift`
    /// moves the probabilities so successive answers differ.
    private static func tokens(_ pieces: [String], base: Double, shift: Double, float: Bool) -> [TokenLogprob] {
        pieces.enumerated().map { position, token in
            let value = log(base - shift - 0.01 * Double(position))
            let logprob = float ? Double(Float(value)) : value
            let other = float ? Double(Float(log(0.04))) : log(0.04)
            return TokenLogprob(
                token: token, logprob: logprob,
                top: [.init(token: token, logprob: logprob), .init(token: "~", logprob: other)])
        }
    }

    /// Six rounds: fp16 answers repeat bit for bit, q4's drift a little every other round, "remote" fails.
    private static func results() -> [ProbeResult] {
        var out: [ProbeResult] = []
        for round in 0..<6 {
            let second = Double(round * 15)
            let shift = Double(round / 2) * 0.01
            out.append(
                F.success(
                    target: "fp16", canary: "g1", at: F.at(second), e2eMilliseconds: 400, text: "Paris",
                    logprobs: tokens(["Par", "is"], base: 0.95, shift: 0, float: true)))
            out.append(
                F.success(
                    target: "fp16", canary: "m1", category: "math", at: F.at(second + 1),
                    e2eMilliseconds: 300, text: "4", logprobs: tokens(["4"], base: 0.9, shift: 0, float: true)))
            out.append(
                F.success(
                    target: "q4", canary: "g1", at: F.at(second + 2), e2eMilliseconds: 500,
                    text: "Paris.", logprobs: tokens(["Par", "is"], base: 0.85, shift: shift, float: false)))
            out.append(
                F.success(
                    target: "q4", canary: "m1", category: "math", at: F.at(second + 3),
                    e2eMilliseconds: 350, text: "5", correct: false,
                    logprobs: tokens(["5"], base: 0.6, shift: shift, float: false)))
            out.append(F.failure(target: "remote", at: F.at(second + 4), .http5xx))
        }
        return out
    }

    @Test func restartRestoresDriftAlertStatesAndEvents() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("q.sqlite")
        let results = Self.results()
        let end = F.at(100)

        // Before the restart: the live aggregator, evaluating each result as the monitor does.
        var live = Aggregator(config: Self.config)
        let store = try ResultStore(path: path, retention: .seconds(3_650 * 86_400))
        for result in results {
            live.record(result, evaluatingAt: result.startedAt)
            await store.append(result)
        }
        let before = live.snapshot(at: end, startedAt: F.epoch, paused: false, inFlight: 0)
        let events = live.drainEvents()
        for event in events { await store.append(event) }
        await store.close()
        // "remote" went down (critical) and stays down: the case a restart must not announce again.
        let remoteDown = try #require(events.first { $0.targetID == "remote" && $0.rule == "down" })
        #expect(remoteDown.to == .critical)
        #expect(before.targets.first { $0.id == "q4" }?.overall.meanKLD != nil)

        // After: a new monitor fed from the reopened store.
        let reopened = try ResultStore(path: path, retention: .seconds(3_650 * 86_400))
        let restored = try await reopened.restore(since: F.epoch)
        let states = try await reopened.alertStates()
        await reopened.close()
        #expect(restored.events == events)
        let monitor = MonitorActor(config: Self.config, backends: [:], now: { end })
        await monitor.replay(restored.results, events: restored.events, alertStates: states)
        let after = await monitor.currentSnapshot()

        for (old, new) in zip(before.targets, after.targets) {
            #expect(new.id == old.id)
            #expect(new.overall == old.overall, "\(old.id)")
            #expect(new.categories == old.categories, "\(old.id)")
            #expect(new.state == old.state, "\(old.id)")
        }
        // The event log is back, and nothing was announced twice: the first evaluation agreed with the states.
        #expect(after.events == events)
        let second = await monitor.currentSnapshot()
        #expect(second.events == events)
        #expect(after.targets.first { $0.id == "remote" }?.state == .critical)
    }

    @Test func alertStatesOutliveTheRestoredHour() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("q.sqlite")
        let now = Date()
        let old = StoreFixtures.date(ResultRow.microseconds(now.addingTimeInterval(-3 * 3_600)))
        let recent = StoreFixtures.date(ResultRow.microseconds(now.addingTimeInterval(-600)))
        let fired = AlertEvent(at: old, targetID: "remote", rule: "down", from: .ok, to: .critical, message: "down")
        let p99Fired = AlertEvent(at: old, targetID: "q4", rule: "p99", from: .ok, to: .warning, message: "slow")
        let p99Cleared = AlertEvent(at: recent, targetID: "q4", rule: "p99", from: .warning, to: .ok, message: "ok")
        let store = try ResultStore(path: path)
        for event in [fired, p99Fired, p99Cleared] { await store.append(event) }
        try await store.flush()
        // The last hour's log holds only the recent event; the states hold the latest of every rule.
        #expect(try await store.restore(since: now.addingTimeInterval(-3_600)).events == [p99Cleared])
        #expect(try await store.alertStates() == [fired, p99Cleared])
        await store.close()

        var aggregator = Aggregator(config: Self.config)
        aggregator.restore(events: [p99Cleared], states: [fired, p99Cleared])
        let snapshot = aggregator.snapshot(at: now, startedAt: now, paused: false, inFlight: 0)
        #expect(snapshot.targets.first { $0.id == "remote" }?.state == .critical)
        #expect(snapshot.targets.first { $0.id == "q4" }?.state == .ok)
        #expect(snapshot.events == [p99Cleared])
        #expect(aggregator.drainEvents().isEmpty)
    }

    @Test func aRuleThatClearedWhileStoppedResolvesAfterItsHold() {
        // Restored critical, but the data now says ok: the change must hold like any other, then it is announced.
        var aggregator = Aggregator(config: Self.config)
        let fired = AlertEvent(at: F.at(0), targetID: "q4", rule: "p99", from: .ok, to: .critical, message: "p99")
        aggregator.restore(events: [fired])
        aggregator.record(
            F.success(target: "q4", canary: "g1", at: F.at(10), e2eMilliseconds: 100), evaluatingAt: F.at(11))
        #expect(aggregator.drainEvents().isEmpty)
        aggregator.record(
            F.success(target: "q4", canary: "g1", at: F.at(11), e2eMilliseconds: 100), evaluatingAt: F.at(12))
        let cleared = aggregator.snapshot(at: F.at(12), startedAt: F.at(0), paused: false, inFlight: 0)
        let events = aggregator.drainEvents()
        #expect(events.map(\.rule) == ["p99"])
        #expect(events.first?.from == .critical)
        #expect(events.first?.to == .ok)
        #expect(cleared.events == [fired] + events)
    }
}
