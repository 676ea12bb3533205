import Foundation
import QuantWatchBackends
import QuantWatchDomain
import QuantWatchSimulator
import QuantWatchTestSupport
import Synchronization
import Testing

/// The real MonitorActor against simulated models whose connections are reset, then refused, for a window the
/// test opens and closes with a manual clock: failures are classified, and both targets recover after it.
///
/// The clock is manual so the phases do not depend on how fast a loaded machine starts servers and probes.
struct SimFaultWindowMonitorTests {
    static let window = (start: Duration.seconds(10), length: Duration.seconds(10))

    @Test func resetAndRefusalAreClassifiedAndTheTargetsRecover() async throws {
        let manual = ManualSimClock()
        let models = [
            SimModel(id: "resetting", profile: .fixed(ttft: .zero, perToken: .milliseconds(2))),
            // Outside the ephemeral range: while this model refuses, its port is free, and a server another test
            // binds to port 0 must not be handed it.
            SimModel(
                id: "refusing", profile: .fixed(ttft: .zero, perToken: .milliseconds(2)),
                port: try LoopbackPort.unusedOutsideEphemeralRange()),
        ]
        let faults = FaultScript(windows: [
            FaultWindow(
                start: Self.window.start, duration: Self.window.length, model: "resetting",
                fault: .reset(share: 1, afterTokens: 4)),
            FaultWindow(start: Self.window.start, duration: Self.window.length, model: "refusing", fault: .refuse),
        ])
        let fleet = try await SimFleet.start(
            models: models, canaries: [SimMonitorIntegrationTests.canary], seed: 3, faults: faults,
            clock: manual.clock)
        let refusing = try #require(fleet.server(id: "refusing"))
        let client = BackendFactory.makeHTTPClient(connectTimeout: .seconds(10))
        let config = try Self.config(fleet)
        let backends = BackendFactory.backends(for: config, environment: [:], httpClient: client)
        let monitor = MonitorActor(config: config, backends: backends, snapshotInterval: .milliseconds(100))
        let collected = ResultLog()
        let runTask = Task { await monitor.run() }
        let collector = Task {
            for await result in monitor.results { collected.results.withLock { $0.append(result) } }
        }
        func started(after date: Date, _ target: String) -> [ProbeResult] {
            collected.results.withLock { $0.filter { $0.targetID == target && $0.startedAt > date } }
        }

        let before = Date()
        #expect(
            await Self.waitUntil { ["resetting", "refusing"].allSatisfy { started(after: before, $0).count >= 3 } })
        manual.set(Self.window.start + Self.window.length / 2)
        #expect(await Self.waitUntil { !refusing.isListening }, "the refusing model kept listening")
        let opened = Date()
        #expect(
            await Self.waitUntil { ["resetting", "refusing"].allSatisfy { started(after: opened, $0).count >= 10 } })
        // Inside the window for certain: what had finished before the clock moves back. (A cut-off by start time
        // failed on a loaded CI machine, where a probe can reach the server long after it started.)
        let finishedInside = collected.results.withLock { $0 }
        manual.set(Self.window.start + Self.window.length + .seconds(1))
        #expect(await Self.waitUntil { refusing.isListening }, "the refusing model did not listen again")
        let closed = Date()
        #expect(
            await Self.waitUntil { ["resetting", "refusing"].allSatisfy { started(after: closed, $0).count >= 3 } })

        runTask.cancel()
        await runTask.value
        await collector.value
        let snapshot = await monitor.currentSnapshot()
        try await client.shutdown()
        await fleet.shutdown()

        let results = collected.results.withLock { $0 }
        for (target, word) in [("resetting", "reset"), ("refusing", "refused")] {
            let mine = results.filter { $0.targetID == target }
            // Before the window: the first probes succeed (those in flight when the clock moved may not).
            #expect(mine.prefix(3).allSatisfy { $0.generation != nil }, "\(target) failed before its window")
            let inside = finishedInside.filter { $0.targetID == target && $0.startedAt > opened }
            let failures = inside.compactMap(\.failure)
            #expect(
                !inside.isEmpty && failures.count == inside.count,
                "\(target): \(failures.count) of \(inside.count) probes inside the window failed")
            #expect(
                failures.allSatisfy { $0.errorClass == .connect },
                "\(target): \(SimMonitorIntegrationTests.describe(failures))")
            // A probe of the refusing model can still find a pooled connection the server has just closed, and be
            // reset; most must say what happened.
            let saying = failures.filter { $0.message.lowercased().contains(word) }
            #expect(
                saying.count * 2 > failures.count, "\(target): \(SimMonitorIntegrationTests.describe(failures))")
            let after = mine.filter { $0.startedAt > closed }
            #expect(!after.isEmpty && after.allSatisfy { $0.generation != nil }, "\(target) did not recover")
            #expect(snapshot.targets.first { $0.id == target }?.consecutiveFailures == 0)
        }
    }

    final class ResultLog: Sendable {
        let results = Mutex<[ProbeResult]>([])
    }

    static func config(_ fleet: SimFleet) throws -> FleetConfig {
        let canary = SimMonitorIntegrationTests.canary
        let suite = CanarySuite(name: "fixed", path: "fixed.yaml", canaries: [canary])
        let targets = try [("resetting", BackendKind.openai), ("refusing", .anthropic)].map { id, backend in
            TargetConfig(
                id: id, backend: backend, url: try #require(fleet.server(id: id)?.baseURL),
                model: "sim-llama-3.1-8b:\(id)", quant: "F16", interval: .milliseconds(50),
                // Refused and reset fail at once; long timeouts keep a starved machine's slow answers successes.
                timeouts: Timeouts(connect: .seconds(10), readIdle: .seconds(10), total: .seconds(30)),
                retry: RetryPolicy(maxRetries: 0), suitePaths: [suite.path])
        }
        return FleetConfig(path: "fixed.yaml", targets: targets, suites: [suite.path: suite], concurrency: 8)
    }

    /// Polls `condition` every 20 ms for up to 30 s (a loaded machine is slow, not broken).
    static func waitUntil(_ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return condition()
    }
}
