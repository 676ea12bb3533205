import ArgumentParser
import Foundation
import QuantWatchBackends
import QuantWatchDomain
import QuantWatchSimulator

/// How many targets MonitorActor keeps on schedule, probing a simulated fleet in another process (`quantwatch sim`)
/// over loopback HTTP, and what a probe costs in CPU.
struct MonitorLagBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lag",
        abstract: "Schedule lag and achieved probes/s of MonitorActor against N simulated targets.",
        discussion: """
            For each N, starts `quantwatch sim` as a child process (the four presets in turn, each model on its own
            port), points N targets at them (the four dialects in turn, demo canaries), runs the real MonitorActor at
            the interval in this process, and reports how late probes start against their schedule (waiting for a
            fleet permit included), the probes/s achieved against N / interval, and the CPU time of this process
            (monitor, HTTP client) and of the simulator per probe. A fleet falls behind when p99 lag > 100 ms or
            achieved < 95% of expected.
            """)

    @Option(help: "Comma-separated target counts.") var targets = "10,50,100,200,400"
    @Option(help: "Measured time per target count, after the warm-up (e.g. 20s).") var duration = "20s"
    @Option(help: "Warm-up before measuring (connections, first ticks).") var warmup = "3s"
    @Option(help: "Probe interval of every target.") var interval = "1s"
    @Option(help: "Probes in flight across the fleet (default: the fleet file's default, 8).") var concurrency: Int?
    @Option(help: "Simulated servers (0: one per target, as N real endpoints would be).") var servers = 0
    @Option(help: "The quantwatch executable that serves the simulator (default: the one beside this bench).")
    var quantwatch: String?
    @Option(help: "Speed factor of the simulated models (1: demo latencies, ~0.1-1.5 s per probe).") var speed = 1.0
    @Option(help: "How often the monitor builds a Snapshot (on its actor, like the dashboard).")
    var snapshotInterval = "1s"

    func validate() throws {
        guard !targetCounts.isEmpty, targetCounts.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--targets must be a comma-separated list of positive numbers")
        }
        let durations = [
            ("duration", duration), ("warmup", warmup), ("interval", interval), ("snapshot-interval", snapshotInterval),
        ]
        for (name, text) in durations {
            guard let value = SimDurationParser.parse(text), value > .zero || name == "warmup" else {
                throw ValidationError("--\(name) must be a duration like 20s or 500ms")
            }
        }
        guard (concurrency ?? 1) > 0, servers >= 0, speed > 0 else {
            throw ValidationError("concurrency and speed must be positive, servers not negative")
        }
    }

    private var targetCounts: [Int] {
        targets.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    func run() async throws {
        let measured = SimDurationParser.parse(duration) ?? .seconds(20)
        let warm = SimDurationParser.parse(warmup) ?? .seconds(3)
        let every = SimDurationParser.parse(interval) ?? .seconds(1)
        let limit = concurrency ?? FleetConfig(path: "", targets: [], suites: [:]).concurrency
        let executable = try quantwatch ?? SimProcess.besideThisExecutable()
        print(
            "lag: interval \(every), concurrency \(limit), \(servers == 0 ? "one server per target" : "\(servers) servers"), "
                + "speed \(speed), snapshots every \(snapshotInterval), warm-up \(warm), measured \(measured) per row, "
                + "simulator: \(executable) sim (another process)")
        let header: [(String, Int)] = [
            ("targets", 9), ("expected/s", 12), ("achieved/s", 12), ("share", 8), ("lag p50", 9), ("p99", 9),
            ("max ms", 9), ("probe ms", 10), ("bound/s", 9), ("cores", 7), ("µs/probe", 10), ("sim cores", 11),
            ("sim µs", 8), ("errors", 8), ("verdict", 0),
        ]
        print(columns(header))
        var firstBehind: Int?
        for count in targetCounts {
            let row = try await measure(
                targets: count, concurrency: limit, interval: every, warmup: warm, for: measured, executable: executable
            )
            print(row.line)
            if row.behind, firstBehind == nil { firstBehind = count }
        }
        if let firstBehind {
            print("falls behind at \(firstBehind) targets (p99 lag > 100 ms or achieved < 95% of expected)")
        } else {
            print("kept up at every target count")
        }
        print("bound/s = concurrency / mean probe time: the most probes/s the fleet permits allow")
        print(
            "cores = CPU of this process (monitor, HTTP client, result drain) per second of wall time; µs/probe = that "
                + "CPU per probe started; sim cores, sim µs: the same for the simulator process")
    }

    /// One row: the fleet up, the monitor warmed up, then `measured` of schedule lag and probe counts.
    private func measure(
        targets count: Int, concurrency: Int, interval: Duration, warmup: Duration, for measured: Duration,
        executable: String
    ) async throws -> Row {
        let serverCount = servers == 0 ? count : min(servers, count)
        let models = (0..<serverCount).map { index in
            "m\(index)=" + QuantProfile.presets[index % QuantProfile.presets.count].name
        }
        let sim = try await SimProcess.start(
            executable: executable, arguments: ["--models", models.joined(separator: ","), "--speed", String(speed)])
        var targetConfigs: [TargetConfig] = []
        for index in 0..<count {
            let server = sim.models[index % sim.models.count]
            let backend = BackendKind.allCases[index % BackendKind.allCases.count]
            targetConfigs.append(
                TargetConfig(
                    id: "t\(index)", backend: backend, url: server.baseURL, model: server.modelName,
                    interval: interval, topLogprobs: backend == .openai || backend == .llamacpp ? 5 : 0,
                    suitePaths: [DemoSuite.path]))
        }
        let config = FleetConfig(
            path: DemoSuite.path, targets: targetConfigs, suites: [DemoSuite.path: DemoSuite.suite],
            concurrency: concurrency)
        let client = BackendFactory.makeHTTPClient(connectionsPerHost: concurrency)
        let backends = BackendFactory.backends(for: config, environment: [:], httpClient: client)
        let snapshots = SimDurationParser.parse(snapshotInterval) ?? .seconds(1)
        let monitor = MonitorActor(config: config, backends: backends, snapshotInterval: snapshots)
        let tally = Tally()
        let runTask = Task { await monitor.run() }
        let drain = Task {
            for await result in monitor.results { await tally.add(result) }
        }

        try? await Task.sleep(for: warmup)
        await monitor.resetScheduleLag()
        await tally.start()
        let cpuBefore = CPUTime.now()
        let simCPUBefore = sim.cpuSeconds()
        let clock = ContinuousClock()
        let started = clock.now
        try? await Task.sleep(for: measured)
        let lag = await monitor.scheduleLag
        let elapsed = (clock.now - started).seconds
        let cpuSeconds = CPUTime.now() - cpuBefore
        let simCPUSeconds = sim.cpuSeconds() - simCPUBefore
        let counts = await tally.snapshot()

        runTask.cancel()
        await runTask.value
        await drain.value
        try await client.shutdown()
        await sim.stop()

        let expected = Double(count) / interval.seconds
        let achieved = Double(lag.probes) / elapsed
        let meanProbe = counts.probeSeconds / Double(max(1, counts.finished))
        return Row(
            targets: count, expected: expected, achieved: achieved, lag: lag, meanProbeMilliseconds: meanProbe * 1000,
            bound: meanProbe > 0 ? Double(concurrency) / meanProbe : .infinity, cores: cpuSeconds / elapsed,
            cpuPerProbe: cpuSeconds / Double(max(1, lag.probes)), simCores: simCPUSeconds / elapsed,
            simCPUPerProbe: simCPUSeconds / Double(max(1, lag.probes)), errors: counts.failed, finished: counts.finished
        )
    }

    /// One printed line of figures.
    private struct Row {
        var targets: Int
        var expected: Double
        var achieved: Double
        var lag: ScheduleLag
        var meanProbeMilliseconds: Double
        var bound: Double
        var cores: Double
        var cpuPerProbe: Double
        var simCores: Double
        var simCPUPerProbe: Double
        var errors: Int
        var finished: Int

        var behind: Bool { lag.p99Milliseconds > 100 || achieved < 0.95 * expected }

        var line: String {
            let cells: [(String, Int)] = [
                (String(targets), 9), (format(expected), 12), (format(achieved), 12),
                (format(achieved / expected * 100) + "%", 8), (format(lag.p50Milliseconds), 9),
                (format(lag.p99Milliseconds), 9), (format(lag.maxMilliseconds), 9), (format(meanProbeMilliseconds), 10),
                (bound.isFinite ? format(bound) : "-", 9), (format(cores), 7), (format(cpuPerProbe * 1e6), 10),
                (format(simCores), 11), (format(simCPUPerProbe * 1e6), 8), ("\(errors)/\(finished)", 8),
                (behind ? "BEHIND" : "ok", 0),
            ]
            return columns(cells)
        }
    }
}

/// Counts probes that finished while measuring, and their wall time (start to result, retries included).
private actor Tally {
    private var measuring = false
    private(set) var finished = 0
    private(set) var failed = 0
    private(set) var probeSeconds = 0.0

    func start() {
        measuring = true
    }

    func add(_ result: ProbeResult) {
        guard measuring else { return }
        finished += 1
        if result.failure != nil { failed += 1 }
        probeSeconds += max(0, Date().timeIntervalSince(result.startedAt))
    }

    func snapshot() -> (finished: Int, failed: Int, probeSeconds: Double) {
        (finished, failed, probeSeconds)
    }
}

/// CPU time (user + system) this process has used, in seconds.
private enum CPUTime {
    #if canImport(Glibc)
        private static let who = __rusage_who_t(RUSAGE_SELF.rawValue)
    #else
        private static let who = RUSAGE_SELF
    #endif

    static func now() -> Double {
        var usage = rusage()
        guard getrusage(who, &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

/// Cells left-aligned in columns of the given widths (at least one space between them; 0: as wide as the text).
func columns(_ cells: [(String, Int)]) -> String {
    cells.map { text, width in
        width == 0 ? text : text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }.joined()
}

private func format(_ value: Double) -> String {
    value >= 100 ? String(Int(value.rounded())) : String((value * 10).rounded() / 10)
}
