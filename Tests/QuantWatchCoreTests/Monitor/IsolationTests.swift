import AsyncHTTPClient
import Foundation
import QuantWatchCore
import QuantWatchTestSupport
import Testing

/// Bad targets do not slow good ones: one that accepts and never answers, one that streams garbage forever and
/// one that drips a byte a second run beside three healthy targets, whose cadence and p50 stay within generous
/// bounds of a run without them (one fleet, one HTTP client, the default concurrency of 8, as `run` has it).
@Suite(.serialized) struct IsolationTests {
    static let interval = Duration.milliseconds(250)
    static let runFor = Duration.seconds(4)
    static let healthyIDs = ["good-1", "good-2", "good-3"]

    @Test func badTargetsLeaveHealthyCadenceAndLatencyAlone() async throws {
        let alone = try await run(withBadTargets: false)
        let beside = try await run(withBadTargets: true)
        for id in Self.healthyIDs {
            let before = try #require(alone[id])
            let after = try #require(beside[id])
            // 4 s at 250 ms is ~16 probes; a loaded CI machine shifts both runs, so the bounds are wide.
            #expect(before.requests >= 8, "\(id) alone: \(before.requests) probes")
            #expect(after.requests * 10 >= before.requests * 6, "\(id): \(after.requests) vs \(before.requests) probes")
            #expect(after.errorCount == 0, "\(id) failed beside the bad targets: \(after.errors)")
            #expect(
                after.e2e.p50 <= before.e2e.p50 * 2 + 50,
                "\(id) p50 \(after.e2e.p50) ms beside the bad targets, \(before.e2e.p50) ms alone")
        }
        let bad = beside.filter { !Self.healthyIDs.contains($0.key) }
        #expect(bad.count == 3)
        for (id, stats) in bad {
            // They fail by the total deadline (or read-idle), and that takes time: no latency, errors only.
            #expect(stats.e2e.count == 0, "\(id) recorded latency")
            #expect(stats.errorCount >= 1, "\(id) never failed")
        }
    }

    /// Runs the fleet for `runFor`; the 1-minute window of each target at the end.
    private func run(withBadTargets: Bool) async throws -> [String: WindowStats] {
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
        let task = Task { await monitor.run() }
        try? await Task.sleep(for: Self.runFor)
        let snapshot = await monitor.currentSnapshot()
        task.cancel()
        await task.value
        for server in servers.values { await server.shutdown() }
        try await client.shutdown()
        return Dictionary(uniqueKeysWithValues: snapshot.targets.map { ($0.id, $0.stats(.oneMinute)) })
    }
}
