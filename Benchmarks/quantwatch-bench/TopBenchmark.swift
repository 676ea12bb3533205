import ArgumentParser
import AsyncHTTPClient
import Foundation
import QuantWatchBackends
import QuantWatchDomain
import QuantWatchExport
import QuantWatchTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// `quantwatch top`'s refresh cost against a real Prometheus holding `targets` x `probes` rows: exporters fed with
/// live probe results, served on loopback, scraped with the rules `quantwatch rules` writes; then refreshes timed.
struct TopBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "top",
        abstract: "Time `quantwatch top` refreshes against a Prometheus holding targets x probes (needs prometheus)."
    )

    @Option(help: "Targets each probe watches.")
    var targets = 500

    @Option(help: "Probes (each one exporter on its own port).")
    var probes = 3

    @Option(help: "Refreshes measured.")
    var refreshes = 20

    @Option(help: "Prometheus scrape and rule interval, seconds.")
    var interval = 5

    func run() async throws {
        guard let prometheus = Self.which("prometheus") else {
            throw ValidationError("prometheus is not installed: apt-get install -y prometheus")
        }
        let directory = NSTemporaryDirectory() + "quantwatch-bench-top-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let configs = (0..<targets).map { index in
            TargetConfig(
                id: String(format: "model-%03d", index), backend: .llamacpp, url: "http://127.0.0.1:1", model: "m",
                quant: index % 2 == 0 ? "Q4_K_M" : "Q8_0")
        }
        let names = (0..<probes).map { "probe-\($0 + 1)" }
        let exporters = names.map { MetricsExporter(probe: $0) }
        var ports: [Int] = []
        var servers: [Task<Void, any Error>] = []
        for exporter in exporters {
            let (stream, sink) = AsyncStream.makeStream(of: Int.self)
            servers.append(
                Task {
                    try await MetricsServer(address: MetricsAddress(host: "127.0.0.1", port: 0), exporter: exporter) {
                        sink.yield($0.port)
                    }.run()
                })
            var iterator = stream.makeAsyncIterator()
            guard let port = await iterator.next() else { throw ValidationError("a /metrics server did not start") }
            ports.append(port)
        }
        // Probe results keep coming (one per target per second per probe), so rates and quantiles are live.
        let feeding = Task.detached { [configs, exporters] in
            var round = 0
            while !Task.isCancelled {
                for (probe, exporter) in exporters.enumerated() {
                    for (index, target) in configs.enumerated() {
                        exporter.record(Self.result(target.id, round: round, salt: index + probe), target: target)
                    }
                    exporter.update(Self.snapshot(configs))
                }
                round += 1
                try? await Task.sleep(for: .seconds(1))
            }
        }
        defer {
            feeding.cancel()
            for server in servers { server.cancel() }
        }

        let config = FleetConfig(path: "bench.yaml", targets: configs, suites: [:])
        try PrometheusRules.render(config).write(toFile: directory + "/rules.yaml", atomically: true, encoding: .utf8)
        let port = try Self.freePort()
        try """
        global:
          scrape_interval: \(interval)s
          evaluation_interval: \(interval)s
        rule_files: ['\(directory)/rules.yaml']
        scrape_configs:
          - job_name: quantwatch
            honor_labels: true
            static_configs:
              - targets: [\(ports.map { "'127.0.0.1:\($0)'" }.joined(separator: ", "))]
        """.write(toFile: directory + "/prometheus.yml", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: prometheus)
        process.arguments = [
            "--config.file=\(directory)/prometheus.yml", "--storage.tsdb.path=\(directory)/data",
            "--web.listen-address=127.0.0.1:\(port)", "--log.level=warn",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }

        let httpClient = BackendFactory.makeHTTPClient()
        let client = PromQLClient(baseURL: "http://127.0.0.1:\(port)", bearerToken: nil, httpClient: httpClient)
        let rows = targets * probes
        print("top benchmark: \(targets) targets x \(probes) probes = \(rows) rows, scrape/rules every \(interval)s")
        print("waiting for Prometheus to record every row's p99 (two rule evaluations after the first scrapes)...")
        let started = Date()
        while Date().timeIntervalSince(started) < 600 {
            let recorded =
                (try? await client.query("count(probe_target:quantwatch_e2e_seconds:p99_5m >= 0)"))?
                .first?.value ?? 0
            if Int(recorded) >= rows { break }
            try await Task.sleep(for: .seconds(2))
        }
        let source = PrometheusSnapshotSource(client: client, queries: PromQLQueries(match: nil, probe: nil))
        var times: [Double] = []
        var shown = 0
        let clock = ContinuousClock()
        for _ in 0..<refreshes {
            var snapshot: Snapshot?
            let elapsed = await clock.measure { snapshot = await source.refresh() }
            times.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
            shown = snapshot?.targets.filter { $0.stats(.fiveMinutes).e2e.count > 0 }.count ?? 0
            try await Task.sleep(for: .milliseconds(200))
        }
        let sent = await source.queriesSent
        times.sort()
        let percentile = { (share: Double) in times[min(times.count - 1, Int(Double(times.count) * share))] }
        print(
            String(
                format: "rows with a 5m p99 (probe rows + per-target aggregates): %d; queries per refresh: %d", shown,
                sent / max(1, refreshes)))
        print(
            String(
                format:
                    "time per refresh (4 queries in parallel + decode + snapshot): p50 %.0f ms, p95 %.0f ms, max %.0f ms",
                percentile(0.5), percentile(0.95), times.last ?? 0))
        try await breakdown(httpClient: httpClient, port: port, queries: PromQLQueries(match: nil, probe: nil))
        try? await httpClient.shutdown()
    }

    /// Where a refresh's time goes: each query alone (Prometheus's evaluation and the transfer, as Prometheus
    /// times it and as the client sees it) and the client's JSON decode of its answer.
    private func breakdown(httpClient: HTTPClient, port: Int, queries: PromQLQueries)
        async throws
    {
        print("per query, alone (median of 3): series | client total ms | Prometheus eval ms | decode ms | body KB")
        let names = ["recorded", "gauges", "known", "live"]
        let clock = ContinuousClock()
        for (name, expression) in zip(names, queries.all) {
            var totals: [Double] = []
            var decodes: [Double] = []
            var evals: [Double] = []
            var series = 0
            var bytes = 0
            for _ in 0..<3 {
                let url =
                    "http://127.0.0.1:\(port)/api/v1/query?stats=all&query="
                    + (expression.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? expression)
                let start = clock.now
                let response = try await httpClient.execute(HTTPClientRequest(url: url), timeout: .seconds(60))
                let body = Data((try await response.body.collect(upTo: 256 << 20)).readableBytesView)
                let fetched = clock.now
                let samples = try PromQLResponse.samples(from: body, query: expression)
                let decoded = clock.now
                totals.append(Self.milliseconds(start.duration(to: decoded)))
                decodes.append(Self.milliseconds(fetched.duration(to: decoded)))
                evals.append(Self.evalMilliseconds(body) ?? .nan)
                series = samples.count
                bytes = body.count
            }
            func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
            print(
                String(
                    format: "  %-8@ %6d | %7.0f | %7.0f | %6.0f | %7d", name as NSString, series, median(totals),
                    median(evals), median(decodes), bytes / 1024))
        }
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    /// `data.stats.timings.evalTotalTime` (seconds) of a `stats=all` answer, in milliseconds.
    static func evalMilliseconds(_ body: Data) -> Double? {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
            let data = object["data"] as? [String: Any], let stats = data["stats"] as? [String: Any],
            let timings = stats["timings"] as? [String: Any], let eval = timings["evalTotalTime"] as? Double
        else { return nil }
        return eval * 1000
    }

    static func result(_ target: String, round: Int, salt: Int) -> ProbeResult {
        // Log-spread latencies 80 ms .. 2.5 s, differing by target and round (deterministic).
        let unit = Double((round * 7919 + salt * 104_729) % 1000) / 1000
        let e2e = Duration.microseconds(Int64(80_000 * pow(30, unit)))
        let outcome: Result<Generation, ProbeFailure> =
            (round + salt) % 50 == 0
            ? .failure(ProbeFailure(.timeout, "slow"))
            : .success(Generation(text: "ok", ttfb: e2e / 10, ttft: e2e / 5, e2e: e2e, outputTokens: 24))
        return ProbeResult(
            targetID: target, canaryID: "c\(round % 20)", category: "general", startedAt: Date(), outcome: outcome,
            correct: true)
    }

    static func snapshot(_ configs: [TargetConfig]) -> Snapshot {
        let accuracy = AccuracyStats(correct: 45, total: 50, wilsonLow: 0.79, wilsonHigh: 0.96)
        let quality = CategoryQuality(
            category: "all", accuracy: accuracy, deltaPoints: -1, answerAgreement: 0.93, pairs: 50,
            deltaSeverity: .ok, agreementSeverity: .ok)
        return Snapshot(
            takenAt: Date(), startedAt: Date(),
            targets: configs.map { target in
                TargetSnapshot(
                    id: target.id, backend: target.backend, model: target.model, quant: target.quant,
                    baseline: "fp16", state: .ok, overall: quality)
            })
    }

    static func which(_ name: String) -> String? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    static func freePort() throws -> Int {
        try LoopbackPort.unusedOutsideEphemeralRange()
    }
}
