import Foundation
@testable import QuantWatchBackends
@testable import QuantWatchDomain
import QuantWatchTestSupport
import Testing

struct MonitorActorTests {
    /// Collects results from a running monitor until `enough` holds (or a generous deadline passes: the test
    /// machine may be loaded), then stops it.
    private func results(
        of monitor: MonitorActor, until enough: @escaping @Sendable ([ProbeResult]) -> Bool
    ) async -> [ProbeResult] {
        let runTask = Task { await monitor.run() }
        let collector = Task {
            var collected: [ProbeResult] = []
            for await result in monitor.results {
                collected.append(result)
                if enough(collected) { runTask.cancel() }
            }
            return collected
        }
        let deadline = Task {
            try? await Task.sleep(for: .seconds(60))
            runTask.cancel()
        }
        await runTask.value
        deadline.cancel()
        return await collector.value
    }

    @Test func aHungTargetDoesNotDelayTheOthers() async {
        let config = MonitorFixtures.fleet(["hung", "healthy"], interval: .milliseconds(50))
        let monitor = MonitorActor(
            config: config, backends: ["hung": ScriptedBackend.hung, "healthy": ScriptedBackend.instant("4")])
        let results = await results(of: monitor) { $0.filter { $0.targetID == "healthy" }.count >= 10 }
        let healthy = results.filter { $0.targetID == "healthy" }
        #expect(healthy.count >= 10, "healthy target kept its schedule: \(healthy.count) probes")
        #expect(results.allSatisfy { $0.targetID == "healthy" })
    }

    @Test func probesInFlightNeverExceedTheFleetCap() async {
        let counter = CallCounter()
        let slow = ScriptedBackend { _ in
            await counter.begin()
            try? await Task.sleep(for: .milliseconds(40))
            await counter.end()
            return .success(Generation(text: "4", ttfb: .zero, ttft: .zero, e2e: .milliseconds(40), outputTokens: 1))
        }
        let ids = (0..<6).map { "t\($0)" }
        let config = MonitorFixtures.fleet(ids, interval: .milliseconds(10), concurrency: 2)
        let monitor = MonitorActor(config: config, backends: Dictionary(uniqueKeysWithValues: ids.map { ($0, slow) }))
        _ = await results(of: monitor) { $0.count >= 6 }
        #expect(await counter.calls >= 4)
        #expect(await counter.maxInFlight <= 2)
    }

    @Test func pausedMonitorStartsNoProbesAndResumes() async {
        let counter = CallCounter()
        let counted = ScriptedBackend { _ in
            await counter.begin()
            await counter.end()
            return .success(Generation(text: "4", ttfb: .zero, ttft: .zero, e2e: .milliseconds(1), outputTokens: 1))
        }
        let monitor = MonitorActor(
            config: MonitorFixtures.fleet(["a"], interval: .milliseconds(20)), backends: ["a": counted])
        await monitor.pause()
        let runTask = Task { await monitor.run() }
        try? await Task.sleep(for: .milliseconds(400))
        #expect(await counter.calls == 0)
        #expect(await monitor.currentSnapshot().paused)
        await monitor.resume()
        let deadline = ContinuousClock.now + .seconds(30)
        while await counter.calls < 3 && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        #expect(await counter.calls >= 3)
        runTask.cancel()
        await runTask.value
    }

    @Test func cancellationEndsRunAndFinishesTheStreams() async {
        let monitor = MonitorActor(
            config: MonitorFixtures.fleet(["hung"], interval: .milliseconds(10)),
            backends: ["hung": ScriptedBackend.hung])
        let runTask = Task { await monitor.run() }
        try? await Task.sleep(for: .milliseconds(200))
        let started = ContinuousClock.now
        runTask.cancel()
        await runTask.value
        #expect(ContinuousClock.now - started < .seconds(5))
        var iterator = monitor.results.makeAsyncIterator()
        #expect(await iterator.next() == nil)
    }

    @Test func runOnceProbesEveryCanaryOnEveryTargetAndScoresThem() async {
        let config = MonitorFixtures.fleet(["right", "wrong"])
        let monitor = MonitorActor(
            config: config, backends: ["right": ScriptedBackend.instant("4"), "wrong": ScriptedBackend.instant("5")])
        let (results, snapshot) = await monitor.runOnce()
        #expect(results.count == 4)
        #expect(results.map(\.targetID) == ["right", "right", "wrong", "wrong"])
        #expect(results.first { $0.targetID == "right" && $0.canaryID == "add" }?.correct == true)
        #expect(results.first { $0.targetID == "wrong" && $0.canaryID == "add" }?.correct == false)
        #expect(snapshot.targets.map(\.id) == ["right", "wrong"])
        #expect(snapshot.targets[0].stats(.oneMinute).requests == 2)
    }
}
