import Foundation
import QuantWatchDomain
import QuantWatchExport
import QuantWatchTestSupport
import Testing

/// The deployment of issue 15 end to end: `quantwatch sim`, three headless probes with different `--probe` names,
/// a real Prometheus scraping them every 2 s with the rules `quantwatch rules` writes, and `quantwatch top` in tmux.
///
/// `top` shows every target of every probe; its p99 for a target is the `histogram_quantile` Prometheus serves
/// (the recorded series, and the same expression over the raw buckets) and within one bucket of the probe's own
/// p99; a killed probe's rows turn stale within two scrape intervals (plus a refresh of `top` and slack for a
/// loaded machine); `p` switches to one row per target.
@Suite(
    .serialized, .timeLimit(.minutes(5)),
    .enabled(if: TmuxSession.executable != nil, "tmux is not installed"))
struct PrometheusTopEndToEndTests {
    static let probes = ["eu-1", "us-1", "ap-1"]
    static let targets = ["llama-fp16", "llama-q4km"]
    static let scrapeSeconds = 2

    @Test func topShowsEveryProbeAgreesWithPrometheusAndMarksAKilledProbeStale() async throws {
        let binary = try QuantwatchBinary.path()
        let prometheus = try Self.tool("prometheus")
        let promtool = try Self.tool("promtool")
        let directory = NSTemporaryDirectory() + "quantwatch-top-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var processes: [Process] = []
        defer {
            for process in processes where process.isRunning {
                process.terminate()
                process.waitUntilExit()
            }
            try? FileManager.default.removeItem(atPath: directory)
        }

        // The simulator: model i on port base+i.
        let simPort = try LoopbackPort.unusedOutsideEphemeralRange()
        let suite = QuantwatchBinary.packageRoot.appendingPathComponent("samples/canaries/general.yaml").path
        let sim = try Self.start(
            binary, ["sim", "--port", "\(simPort)", "--models", "a=fp16,b=q4_k_m", "--suite", suite, "--speed", "4"],
            output: directory + "/sim.out")
        processes.append(sim)
        try await Self.waitForFile(directory + "/sim.out", containing: "Ctrl-C stops", process: sim)

        let fleet = directory + "/fleet.yaml"
        try """
        interval: 250ms
        suites: ['\(suite)']
        targets:
          - {id: llama-fp16, backend: llamacpp, url: 'http://127.0.0.1:\(simPort)', model: a, quant: F16}
          - {id: llama-q4km, backend: llamacpp, url: 'http://127.0.0.1:\(simPort + 1)', model: b, quant: Q4_K_M,
             baseline: llama-fp16}
        """.write(toFile: fleet, atomically: true, encoding: .utf8)

        // Three probes, each with its own /metrics port and JSON lines file.
        var metricsPorts: [String: Int] = [:]
        var probeProcesses: [String: Process] = [:]
        for probe in Self.probes {
            let port = try LoopbackPort.unusedOutsideEphemeralRange()
            metricsPorts[probe] = port
            let process = try Self.start(
                binary,
                [
                    "run", "--headless", "--no-db", "--config", fleet, "--probe", probe, "--metrics-addr",
                    "127.0.0.1:\(port)", "--summary-every", "1s",
                ], output: directory + "/\(probe).jsonl")
            processes.append(process)
            probeProcesses[probe] = process
        }

        // Prometheus with the generated rules, checked by promtool first.
        let rules = PrometheusRules.render(try FleetConfigLoader.load(path: fleet, environment: [:]))
        try rules.write(toFile: directory + "/rules.yaml", atomically: true, encoding: .utf8)
        let check = try Self.run(promtool, ["check", "rules", directory + "/rules.yaml"])
        #expect(check.status == 0, "promtool check rules: \(check.output)")
        let prometheusPort = try LoopbackPort.unusedOutsideEphemeralRange()
        let scrapeTargets = Self.probes.map { "'127.0.0.1:\(metricsPorts[$0]!)'" }.joined(separator: ", ")
        try """
        global:
          scrape_interval: \(Self.scrapeSeconds)s
          evaluation_interval: 1s
        rule_files: ['\(directory)/rules.yaml']
        scrape_configs:
          - job_name: quantwatch
            honor_labels: true
            static_configs:
              - targets: [\(scrapeTargets)]
        """.write(toFile: directory + "/prometheus.yml", atomically: true, encoding: .utf8)
        let server = try Self.start(
            prometheus,
            [
                "--config.file=\(directory)/prometheus.yml", "--storage.tsdb.path=\(directory)/data",
                "--web.listen-address=127.0.0.1:\(prometheusPort)", "--log.level=warn",
            ], output: directory + "/prometheus.out")
        processes.append(server)
        let url = "http://127.0.0.1:\(prometheusPort)"
        // The process-wide client: nothing to shut down.
        let api = PromQLClient(baseURL: url, bearerToken: nil, httpClient: .shared)

        // Wait until every probe's p99 of both targets is recorded.
        let recorded = "probe_target:quantwatch_e2e_seconds:p99_5m"
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            let samples = (try? await api.query(recorded)) ?? []
            if Set(samples.filter { $0.value.isFinite }.map { "\($0["target"] ?? "")@\($0["probe"] ?? "")" }).count
                == Self.probes.count * Self.targets.count
            {
                break
            }
            guard server.isRunning else {
                throw TmuxError("prometheus exited: \(Self.read(directory + "/prometheus.out"))")
            }
            try await Task.sleep(for: .seconds(1))
        }

        // top in tmux: every target of every probe.
        let session = try TmuxSession(width: 160, height: 48)
        defer { session.kill() }
        try await session.waitFor("qw-prompt$", timeout: 10)
        try session.send("'\(binary)' top --prometheus \(url) --every 1s --refresh 2", "Enter")
        let rows = Self.probes.flatMap { probe in Self.targets.map { "\($0)@\(probe)" } }
        var screen = try await session.waitFor(timeout: 60) { screen in rows.allSatisfy { screen.contains($0) } }
        for row in rows { #expect(screen.contains(row), "\(row) missing from top:\n\(screen)") }

        // top's p99 is Prometheus's histogram_quantile, and within one bucket of the probe's own.
        let row = "llama-q4km@eu-1"
        let selector = #"{target="llama-q4km",probe="eu-1"}"#
        var agreed = false
        for _ in 0..<20 where !agreed {
            let before = try await api.query(recorded + selector).first?.value
            let top = try Self.topP99(binary, url: url, row: row)
            let after = try await api.query(recorded + selector).first?.value
            guard let before, let after, before == after, let top else { continue }
            #expect(abs(top - before * 1000) < 1e-6, "top p99 \(top) ms, Prometheus \(before * 1000) ms")
            agreed = true
        }
        #expect(agreed, "no two equal answers of Prometheus around a `top --once`")
        let raw =
            "histogram_quantile(0.99, sum by (probe, target, backend, model, quant, le) "
            + "(rate(quantwatch_e2e_seconds_bucket\(selector)[5m])))"
        var rawAgreed = false
        for _ in 0..<30 where !rawAgreed {
            // At the rule's own evaluation time: rate() extrapolates to the window's edges, so the same expression
            // evaluated a moment later gives another value even without a new scrape.
            if let evaluated = try await api.query("timestamp(\(recorded)\(selector))").first?.value {
                let at = Date(timeIntervalSince1970: evaluated)
                let rule = try await api.query(recorded + selector, at: at).first?.value
                let direct = try await api.query(raw, at: at).first?.value
                if let rule, let direct, abs(rule - direct) <= 1e-9 * abs(rule) { rawAgreed = true }
            }
            if !rawAgreed { try await Task.sleep(for: .milliseconds(300)) }
        }
        #expect(rawAgreed, "the recorded p99 never equalled histogram_quantile over the raw buckets")
        // The probe's p99 against Prometheus's once both rest on enough samples that the few probes made before
        // Prometheus's first scrape (which rate() cannot see, the first one with a cold connection) do not decide it.
        let enough = Date().addingTimeInterval(150)
        while Date() < enough,
            (try Self.probeLatency(Self.read(directory + "/eu-1.jsonl"), target: "llama-q4km"))?.count ?? 0 < 300
        {
            try await Task.sleep(for: .seconds(1))
        }
        let prometheusP99 = try #require(try await api.query(recorded + selector).first?.value) * 1000
        let probeP99 = try #require(try Self.probeLatency(Self.read(directory + "/eu-1.jsonl"), target: "llama-q4km"))
            .p99
        let bounds = MetricsExporter.latencyBuckets.map { $0 * 1000 }
        func bucket(_ milliseconds: Double) -> Int { bounds.firstIndex { $0 >= milliseconds } ?? bounds.count }
        #expect(
            abs(bucket(prometheusP99) - bucket(probeP99)) <= 1,
            "Prometheus p99 \(prometheusP99) ms vs the probe's own \(probeP99) ms: more than one bucket apart")

        // A killed probe shows stale within two scrape intervals (+ one refresh of top, + slack for load).
        let killed = try #require(probeProcesses["us-1"])
        killed.terminate()
        killed.waitUntilExit()
        let killedAt = Date()
        // Table rows only (they show the quant; event lines name rows too).
        func tableRows(_ screen: String, _ probe: String) -> [Substring] {
            screen.split(separator: "\n").filter {
                $0.contains("@\(probe)") && ($0.contains(" F16 ") || $0.contains("Q4_K_M"))
            }
        }
        screen = try await session.waitFor(timeout: Double(2 * Self.scrapeSeconds) + 1 + 6) { screen in
            let us = tableRows(screen, "us-1")
            return us.count == 2 && us.allSatisfy { $0.contains("stale") }
                && tableRows(screen, "eu-1").allSatisfy { !$0.contains("stale") }
        }
        let elapsed = Date().timeIntervalSince(killedAt)
        let killedRows = tableRows(screen, "us-1")
        #expect(
            killedRows.count == 2 && killedRows.allSatisfy { $0.contains("stale") },
            "us-1 not stale \(elapsed) s after it was killed:\n\(screen)")
        #expect(tableRows(screen, "eu-1").count == 2, "\(screen)")
        #expect(tableRows(screen, "eu-1").allSatisfy { !$0.contains("stale") }, "\(screen)")

        // One row per target.
        try session.send("p")
        screen = try await session.waitFor(timeout: 10) { tableRows($0, "eu-1").isEmpty }
        #expect(tableRows(screen, "eu-1").isEmpty, "\(screen)")
        #expect(screen.range(of: "llama-q4km[^@]", options: .regularExpression) != nil, "\(screen)")
        try session.send("q")
    }

    // MARK: - Helpers

    static func tool(_ name: String) throws -> String {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/bin:/usr/local/bin"
        for folder in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)")
        {
            return "\(folder)/\(name)"
        }
        throw TmuxError("\(name) is not installed: apt-get install -y prometheus (it brings promtool)")
    }

    static func start(_ executable: String, _ arguments: [String], output: String) throws -> Process {
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    static func waitForFile(_ path: String, containing text: String, process: Process) async throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if read(path).contains(text) { return }
            guard process.isRunning else { throw TmuxError("\(path): exited early: \(read(path))") }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw TmuxError("\(path) never said '\(text)': \(read(path))")
    }

    /// `top --once`'s 5m p99 (ms) for one row.
    static func topP99(_ binary: String, url: String, row: String) throws -> Double? {
        let result = try run(binary, ["top", "--prometheus", url, "--once"])
        guard result.status == 0 else { throw TmuxError("top --once: \(result.output)") }
        return try p99(in: result.output, target: row)
    }

    /// The probe's own latest 5m p99 (ms) and sample count from its JSON lines.
    static func probeLatency(_ lines: String, target: String) throws -> (p99: Double, count: Int)? {
        for line in lines.split(separator: "\n").reversed() where line.contains(#""type":"snapshot""#) {
            if let value = try latency(in: String(line), target: target) { return value }
        }
        return nil
    }

    static func p99(in line: String, target: String) throws -> Double? {
        try latency(in: line, target: target)?.p99
    }

    static func latency(in line: String, target: String) throws -> (p99: Double, count: Int)? {
        struct Record: Decodable {
            struct Target: Decodable {
                struct Window: Decodable {
                    struct Latency: Decodable { var p99: Double; var count: Int }
                    var e2eMs: Latency
                    enum CodingKeys: String, CodingKey { case e2eMs = "e2e_ms" }
                }
                var id: String
                var windows: [String: Window]
            }
            var targets: [Target]
        }
        guard let start = line.firstIndex(of: "{") else { return nil }
        let record = try JSONDecoder().decode(Record.self, from: Data(line[start...].utf8))
        guard let window = record.targets.first(where: { $0.id == target })?.windows["5m"], window.e2eMs.count > 0
        else { return nil }
        return (window.e2eMs.p99, window.e2eMs.count)
    }
}
