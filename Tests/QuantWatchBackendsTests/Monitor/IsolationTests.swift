import AsyncHTTPClient
import Foundation
import QuantWatchBackends
import QuantWatchDomain
import QuantWatchTestSupport
import Testing

/// Bad targets do not slow good ones: one that accepts and never answers, one that streams garbage forever and
/// one that drips a byte a second run beside three healthy targets, whose cadence and p50 stay within generous
/// bounds of a run without them (one fleet, one HTTP client, the default concurrency of 8, as `run` has it).
@Suite(.serialized) struct IsolationTests {
    static let interval = Duration.milliseconds(250)
    /// Each run lasts at least this long (past the bad targets' 3 s deadline) and until every healthy target has
    /// `probes` results, or `giveUp`.
    static let runAtLeast = Duration.seconds(4)
    static let probes = 12
    static let giveUp = Duration.seconds(30)
    static let healthyIDs = ["good-1", "good-2", "good-3"]

    @Test func badTargetsLeaveHealthyCadenceAndLatencyAlone() async throws {
        let alone = try await run(withBadTargets: false)
        let beside = try await run(withBadTargets: true)
        for id in Self.healthyIDs {
            let before = try #require(alone.stats[id])
            let after = try #require(beside.stats[id])
            let rateBefore = Double(before.requests) / alone.seconds
            let rateAfter = Double(after.requests) / beside.seconds
            // 4 probes/s is the schedule. The whole suite starting at once starved a fixed 4 s run down to 2
            // probes, so each run lasts until every healthy target has its probes, and only rates are compared.
            #expect(before.requests >= Self.probes, "\(id) alone: \(before.requests) probes in \(alone.seconds) s")
            #expect(
                rateAfter >= rateBefore * 0.5,
                "\(id): \(rateAfter) probes/s beside the bad targets, \(rateBefore) alone")
            #expect(after.errorCount == 0, "\(id) failed beside the bad targets: \(after.errors)")
            #expect(
                after.e2e.p50 <= before.e2e.p50 * 2 + 100,
                "\(id) p50 \(after.e2e.p50) ms beside the bad targets, \(before.e2e.p50) ms alone")
        }
        let bad = beside.stats.filter { !Self.healthyIDs.contains($0.key) }
        #expect(bad.count == 3)
        for (id, stats) in bad {
            // They fail by the total deadline (or read-idle), and that takes time: no latency, errors only.
            #expect(stats.e2e.count == 0, "\(id) recorded latency")
            #expect(stats.errorCount >= 1, "\(id) never failed")
        }
    }

    /// Runs the fleet (see `runAtLeast`); the 1-minute window of each target at the end, and the seconds it ran.
    private func run(withBadTargets: Bool) async throws -> (stats: [String: WindowStats], seconds: Double) {
        var servers: [String: ScriptedHTTPServer] = [:]
        let good = DialectStream.openAI
        for id in Self.healthyIDs {
            servers[id] = try await ScriptedHTTPServer.start { _ in
                var script = good.goodResponse
                script.headDelay = .milliseconds(20)
                return script
            }
        }
        if withBadTargets {
            servers["never-answers"] = try await ScriptedHTTPServer.start { _ in
                var script = good.goodResponse
                script.headDelay = .seconds(60)
                return script
            }
            let noise: [ScriptedResponse.Step] = [.send(Array("\u{1}garbage\u{7f}".utf8)), .sleep(.milliseconds(5))]
            servers["garbage-forever"] = try await ScriptedHTTPServer.start { _ in
                good.response(Array(Array(repeating: noise, count: 4000).joined()))
            }
            servers["drips"] = try await ScriptedHTTPServer.start { _ in
                good.response(Array(Array(repeating: [.text("d"), .sleep(.seconds(1))], count: 60).joined()))
            }
        }
        let timeouts = Timeouts(connect: .seconds(2), readIdle: .seconds(2), total: .seconds(3))
        let targets = servers.keys.sorted().map { id in
            TargetConfig(
                id: id, backend: .openai, url: servers[id]!.baseURL, model: "m", interval: Self.interval,
                timeouts: timeouts, retry: RetryPolicy(maxRetries: 0), suitePaths: ["test.yaml"])
        }
        let suite = CanarySuite(name: "test", path: "test.yaml", canaries: MonitorFixtures.canaries)
        let config = FleetConfig(path: "fleet.yaml", targets: targets, suites: ["test.yaml": suite])
        let client = BackendFactory.makeHTTPClient(connectTimeout: timeouts.connect, connectionsPerHost: 8)
        var backends: [String: any Backend] = [:]
        for target in targets {
            backends[target.id] = BackendFactory.make(target: target, environment: [:], httpClient: client)
        }
        let monitor = MonitorActor(config: config, backends: backends)
        let started = ContinuousClock.now
        let task = Task { await monitor.run() }
        var snapshot = await monitor.currentSnapshot()
        while started.duration(to: .now) < Self.giveUp {
            try? await Task.sleep(for: .milliseconds(100))
            snapshot = await monitor.currentSnapshot()
            let healthy = snapshot.targets.filter { Self.healthyIDs.contains($0.id) }
            if started.duration(to: .now) >= Self.runAtLeast,
                healthy.allSatisfy({ $0.stats(.oneMinute).requests >= Self.probes })
            {
                break
            }
        }
        let elapsed = started.duration(to: .now)
        task.cancel()
        await task.value
        for server in servers.values { await server.shutdown() }
        try await client.shutdown()
        let stats = Dictionary(uniqueKeysWithValues: snapshot.targets.map { ($0.id, $0.stats(.oneMinute)) })
        return (stats, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
