import ArgumentParser
import AsyncHTTPClient
import Foundation
import QuantWatchBackends
import QuantWatchDomain
import QuantWatchSimulator
import QuantWatchTestSupport

/// Whether bad targets slow the healthy ones: the same healthy fleet measured alone and beside three bad targets.
struct IsolationBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "isolation",
        abstract: "Healthy targets' cadence and p50 alone vs beside a hung, a garbage and a dripping target.",
        discussion: """
            Healthy targets probe simulated models with exact delays (every dialect in turn); the bad ones are \
            scripted servers on loopback: one accepts and never answers, one streams garbage forever, one drips \
            a byte a second. One fleet, one HTTP client, the fleet's default concurrency (8) unless told, the \
            fleet file's default timeouts (connect 5 s, read idle 10 s, total 30 s) unless told. Runs go \
            alone, beside, beside, alone (ABBA, so a trend in the machine's load cancels out) and report each \
            run and the ratios beside/alone; the goal is within 5%.
            """)

    @Option(help: "Healthy targets.") var healthy = 8
    @Option(help: "Probe interval of every target.") var interval = "1s"
    @Option(help: "Measured time per run, after the warm-up.") var duration = "30s"
    @Option(help: "Warm-up per run (connections, first ticks; the bad targets start holding their probes).")
    var warmup = "5s"
    @Option(help: "Probes in flight across the fleet (default: the fleet file's default, 8).") var concurrency: Int?
    @Option(help: "Total deadline per probe (default: the fleet file's default).") var total: String?
    @Option(help: "Time to first token of the healthy models (exact).") var ttft = "100ms"
    @Option(help: "Time per later token of the healthy models (exact).") var perToken = "10ms"

    func validate() throws {
        guard healthy > 0, (concurrency ?? 1) > 0 else { throw ValidationError("counts must be positive") }
        for (name, text) in [("interval", interval), ("duration", duration), ("ttft", ttft), ("per-token", perToken)] {
            guard let value = SimDurationParser.parse(text), value > .zero else {
                throw ValidationError("--\(name) must be a duration like 1s or 100ms")
            }
        }
        guard SimDurationParser.parse(warmup) != nil, total.map({ SimDurationParser.parse($0) != nil }) ?? true else {
            throw ValidationError("--warmup and --total must be durations like 5s")
        }
    }

    func run() async throws {
        let every = SimDurationParser.parse(interval) ?? .seconds(1)
        let measured = SimDurationParser.parse(duration) ?? .seconds(30)
        let warm = SimDurationParser.parse(warmup) ?? .seconds(5)
        let defaults = FleetConfig(path: "", targets: [], suites: [:])
        let limit = concurrency ?? defaults.concurrency
        var timeouts = Timeouts()
        if let total, let deadline = SimDurationParser.parse(total) { timeouts.total = deadline }
        let profile = QuantProfile.fixed(
            ttft: SimDurationParser.parse(ttft) ?? .milliseconds(100),
            perToken: SimDurationParser.parse(perToken) ?? .milliseconds(10))
        print(
            "isolation: \(healthy) healthy targets every \(every), concurrency \(limit), timeouts connect "
                + "\(timeouts.connect) read-idle \(timeouts.readIdle) total \(timeouts.total), warm-up \(warm), "
                + "measured \(measured) per run")
        print(
            columns([
                ("run", 8), ("probes/s/target", 17), ("expected", 10), ("p50 ms", 9), ("p95 ms", 9), ("errors", 9),
                ("bad targets", 0),
            ]))
        var alone: [Run] = []
        var beside: [Run] = []
        for withBad in [false, true, true, false] {
            let run = try await measure(
                withBadTargets: withBad, profile: profile, interval: every, concurrency: limit, timeouts: timeouts,
                warmup: warm, for: measured)
            print(run.line(expected: 1 / every.seconds))
            if withBad { beside.append(run) } else { alone.append(run) }
        }
        let cadence = mean(beside.map(\.cadence)) / mean(alone.map(\.cadence))
        let p50 = mean(beside.map(\.p50)) / mean(alone.map(\.p50))
        print(
            "beside/alone: cadence \(percent(cadence)), p50 \(percent(p50)) "
                + (abs(cadence - 1) <= 0.05 && abs(p50 - 1) <= 0.05 ? "(within 5%)" : "(OUTSIDE 5%)"))
    }

    /// One run: the healthy models (and the bad servers) up, the monitor warmed up, then `measured` of results.
    private func measure(
        withBadTargets: Bool, profile: QuantProfile, interval: Duration, concurrency: Int, timeouts: Timeouts,
        warmup: Duration, for measured: Duration
    ) async throws -> Run {
        let models = (0..<healthy).map { SimModel(id: "h\($0)", profile: profile) }
        let fleet = try await SimFleet.start(models: models, canaries: DemoSuite.canaries)
        var targets: [TargetConfig] = []
        for (index, server) in fleet.servers.enumerated() {
            targets.append(
                TargetConfig(
                    id: "healthy-\(index)", backend: BackendKind.allCases[index % BackendKind.allCases.count],
                    url: server.baseURL ?? "", model: server.engine.model.modelName, interval: interval,
                    timeouts: timeouts, suitePaths: [DemoSuite.path]))
        }
        var bad: [ScriptedHTTPServer] = []
        if withBadTargets {
            for (id, script) in BadTarget.scripts {
                let server = try await ScriptedHTTPServer.start { _ in script }
                bad.append(server)
                targets.append(
                    TargetConfig(
                        id: id, backend: .openai, url: server.baseURL, model: "m", interval: interval,
                        timeouts: timeouts, suitePaths: [DemoSuite.path]))
            }
        }
        let config = FleetConfig(
            path: DemoSuite.path, targets: targets, suites: [DemoSuite.path: DemoSuite.suite], concurrency: concurrency)
        let client = BackendFactory.makeHTTPClient(connectTimeout: timeouts.connect, connectionsPerHost: concurrency)
        let backends = BackendFactory.backends(for: config, environment: [:], httpClient: client)
        let monitor = MonitorActor(config: config, backends: backends)
        let tally = IsolationTally()
        let runTask = Task { await monitor.run() }
        let drain = Task {
            for await result in monitor.results { await tally.add(result) }
        }
        try? await Task.sleep(for: warmup)
        await tally.start()
        let clock = ContinuousClock()
        let started = clock.now
        try? await Task.sleep(for: measured)
        let elapsed = (clock.now - started).seconds
        let counts = await tally.stop()
        runTask.cancel()
        await runTask.value
        await drain.value
        try await client.shutdown()
        await fleet.shutdown()
        for server in bad { await server.shutdown() }

        let latencies = counts.latencies.sorted()
        func percentile(_ share: Double) -> Double {
            latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * share))]
        }
        return Run(
            withBadTargets: withBadTargets, cadence: Double(counts.healthyProbes) / Double(healthy) / elapsed,
            p50: percentile(0.5), p95: percentile(0.95), healthyErrors: counts.healthyErrors,
            badOutcomes: counts.badOutcomes)
    }

    private struct Run {
        var withBadTargets: Bool
        /// Probes finished per healthy target per second.
        var cadence: Double
        var p50: Double
        var p95: Double
        var healthyErrors: Int
        var badOutcomes: [String: Int]

        func line(expected: Double) -> String {
            let bad = badOutcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            return columns([
                (withBadTargets ? "beside" : "alone", 8), (String(format: "%.3f", cadence), 17),
                (String(format: "%.3f", expected), 10), (String(format: "%.1f", p50), 9),
                (String(format: "%.1f", p95), 9), (String(healthyErrors), 9), (withBadTargets ? bad : "-", 0),
            ])
        }
    }

    private func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    private func percent(_ ratio: Double) -> String {
        String(format: "%.3f (%+.1f%%)", ratio, (ratio - 1) * 100)
    }
}

/// The three bad servers: their target ids and what they do for every request.
private enum BadTarget {
    static let scripts: [(String, ScriptedResponse)] = [
        ("never-answers", ScriptedResponse(headDelay: .seconds(3600))),
        (
            "garbage-forever",
            ScriptedResponse(
                headers: [("content-type", "text/event-stream")],
                steps: Array(
                    repeating: [
                        ScriptedResponse.Step.send(Array("\u{1}garbage\u{7f}\n".utf8)), .sleep(.milliseconds(5)),
                    ],
                    count: 120_000
                ).flatMap { $0 })
        ),
        (
            "drips",
            ScriptedResponse(
                headers: [("content-type", "text/event-stream")],
                steps: Array(repeating: [ScriptedResponse.Step.text("d"), .sleep(.seconds(1))], count: 600).flatMap {
                    $0
                })
        ),
    ]
}

/// Healthy probes finished while measuring (their e2e latencies) and how the bad ones ended.
private actor IsolationTally {
    private var measuring = false
    private var healthyProbes = 0
    private var healthyErrors = 0
    private var latencies: [Double] = []
    private var badOutcomes: [String: Int] = [:]

    func start() { measuring = true }

    func add(_ result: ProbeResult) {
        guard measuring else { return }
        let isHealthy = result.targetID.hasPrefix("healthy-")
        switch result.outcome {
        case .success(let generation) where isHealthy:
            healthyProbes += 1
            latencies.append(generation.e2e.seconds * 1000)
        case .failure where isHealthy:
            healthyProbes += 1
            healthyErrors += 1
        case .success:
            badOutcomes["\(result.targetID): ok", default: 0] += 1
        case .failure(let failure):
            badOutcomes["\(result.targetID): \(failure.errorClass.rawValue)", default: 0] += 1
        }
    }

    func stop() -> (healthyProbes: Int, healthyErrors: Int, latencies: [Double], badOutcomes: [String: Int]) {
        measuring = false
        return (healthyProbes, healthyErrors, latencies, badOutcomes)
    }
}
