import AsyncHTTPClient
import Foundation
import NIOCore
import QuantWatchDomain
import QuantWatchExport
import Testing

/// A real Prometheus scrapes `/metrics`: the exposition passes `promtool check metrics`, and the p99 Prometheus
/// computes from our buckets agrees with the exact p99 of the fed latencies within bucket resolution.
struct PrometheusScrapeTests {
    private let target = TargetConfig(
        id: "llama3-q4km", backend: .llamacpp, url: "http://127.0.0.1:1", model: "llama-3.1-8b", quant: "Q4_K_M"
    )

    @Test(.timeLimit(.minutes(3)))
    func prometheusAgreesWithTheExactP99() async throws {
        let prometheus = try Self.tool("prometheus")
        let promtool = try Self.tool("promtool")
        let exporter = MetricsExporter()
        let latencies = Self.latencies(count: 1_000)
        for (index, seconds) in latencies.enumerated() {
            exporter.record(Self.result(index: index, e2e: seconds), target: target)
        }
        exporter.record(
            ProbeResult(
                targetID: target.id, canaryID: "x", category: "math", startedAt: Date(),
                outcome: .failure(ProbeFailure(.timeout, "slow", retries: 2)), correct: nil),
            target: target
        )
        exporter.update(Self.snapshot())
        let exposition = exporter.render()
        let check = try Self.runTool(promtool, ["check", "metrics"], input: exposition)
        #expect(check.status == 0, "promtool check metrics: \(check.output)")

        let directory = try StoreTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let server = Task {
            try await MetricsServer(address: MetricsAddress(host: "127.0.0.1", port: 0), exporter: exporter) { bound in
                portSink.yield(bound.port)
            }.run()
        }
        defer { server.cancel() }
        var portIterator = ports.makeAsyncIterator()
        let metricsPort = try #require(await portIterator.next())

        let prometheusPort = try StoreTestSupport.freeLoopbackPort()
        let config = directory + "/prometheus.yml"
        try """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        scrape_configs:
          - job_name: quantwatch
            static_configs:
              - targets: ['127.0.0.1:\(metricsPort)']
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: prometheus)
        process.arguments = [
            "--config.file=\(config)", "--storage.tsdb.path=\(directory)/data",
            "--web.listen-address=127.0.0.1:\(prometheusPort)", "--log.level=warn",
        ]
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        let errorLines = LineCollector(errors.fileHandleForReading)
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }

        let query = "histogram_quantile(0.99, sum by (le) (quantwatch_e2e_seconds_bucket))"
        let estimate = try await Self.queryUntilPresent(
            port: prometheusPort, query: query, process: process,
            stderr: errorLines)
        let exact = latencies.sorted()[Int((0.99 * Double(latencies.count)).rounded(.up)) - 1]
        let buckets = [0.0] + MetricsExporter.latencyBuckets
        let upperIndex = try #require(buckets.firstIndex { $0 >= exact })
        let (lower, upper) = (buckets[upperIndex - 1], buckets[upperIndex])
        #expect(
            estimate >= lower && estimate <= upper,
            "Prometheus p99 \(estimate) s outside the bucket (\(lower), \(upper)] of the exact p99 \(exact) s")

        let requests = try await Self.queryUntilPresent(
            port: prometheusPort, query: "sum(quantwatch_requests_total{target=\"llama3-q4km\"})", process: process,
            stderr: errorLines
        )
        #expect(requests == Double(latencies.count + 1))
        let state = try await Self.queryUntilPresent(
            port: prometheusPort, query: "quantwatch_alert_state{target=\"llama3-q4km\",quant=\"Q4_K_M\"}",
            process: process, stderr: errorLines
        )
        #expect(state == 1)
    }

    // MARK: - Fixtures

    /// Log-uniform latencies between 50 ms and 8 s from a fixed-seed generator (reproducible).
    static func latencies(count: Int) -> [Double] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let unit = Double(state >> 11) / Double(1 << 53)
            return 0.05 * pow(8 / 0.05, unit)
        }
    }

    static func result(index: Int, e2e seconds: Double) -> ProbeResult {
        let e2e = Duration.microseconds(Int64(seconds * 1_000_000))
        return ProbeResult(
            targetID: "llama3-q4km", canaryID: "c\(index)", category: "general", startedAt: Date(),
            outcome: .success(
                Generation(
                    text: "ok", ttfb: e2e / 10, ttft: e2e / 5, e2e: e2e, outputTokens: 20,
                    retries: index % 10 == 0 ? 1 : 0)),
            correct: true
        )
    }

    static func snapshot() -> Snapshot {
        let accuracy = AccuracyStats(correct: 45, total: 50, wilsonLow: 0.79, wilsonHigh: 0.96)
        let quality = CategoryQuality(
            category: "math", accuracy: accuracy, baselineAccuracy: accuracy, deltaPoints: -4, answerAgreement: 0.9,
            top1Agreement: 0.92, meanKLD: 0.031, pairs: 50
        )
        var overall = quality
        overall.category = "all"
        let target = TargetSnapshot(
            id: "llama3-q4km", backend: .llamacpp, model: "llama-3.1-8b", quant: "Q4_K_M", baseline: "llama3-fp16",
            state: .warning, overall: overall, categories: [quality]
        )
        return Snapshot(takenAt: Date(), startedAt: Date(), targets: [target])
    }

    /// An installed tool, or a failure saying how to install it.
    static func tool(_ name: String) throws -> String {
        guard let path = StoreTestSupport.which(name) else {
            throw TestFailure(
                "\(name) is not installed; this test needs a real Prometheus: `apt-get install -y prometheus` "
                    + "(Debian/Ubuntu; it brings promtool) or put prometheus and promtool on PATH"
            )
        }
        return path
    }

    static func runTool(
        _ path: String, _ arguments: [String], input: String
    ) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let stdin = Pipe()
        let output = Pipe()
        process.standardInput = stdin
        process.standardOutput = output
        process.standardError = output
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }

    /// Polls Prometheus's query API until the query has a sample (first scrapes take a few seconds).
    static func queryUntilPresent(
        port: Int, query: String, process: Process, stderr: LineCollector
    ) async throws -> Double {
        var components = URLComponents(string: "http://127.0.0.1:\(port)/api/v1/query")
        components?.queryItems = [URLQueryItem(name: "query", value: query)]
        let url = try #require(components?.url?.absoluteString)
        let deadline = ContinuousClock.now + .seconds(90)
        var last = "no answer"
        while ContinuousClock.now < deadline {
            guard process.isRunning else {
                throw TestFailure("prometheus exited: \(stderr.lines.suffix(5).map(\.text))")
            }
            do {
                let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(5))
                let body = try await response.body.collect(upTo: 1 << 20)
                last = String(buffer: body)
                if let value = try Self.firstValue(Data(body.readableBytesView)) { return value }
            } catch let error as TestFailure {
                throw error
            } catch {
                last = "\(error)"
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw TestFailure("no result for \(query) from Prometheus; last answer: \(last)")
    }

    /// The value of the first sample of an instant-query answer, nil while empty or NaN.
    static func firstValue(_ body: Data) throws -> Double? {
        struct Answer: Decodable {
            struct Payload: Decodable {
                struct Sample: Decodable { var value: [ValuePart] }
                var result: [Sample]
            }
            var status: String
            var data: Payload?
        }
        enum ValuePart: Decodable {
            case time(Double)
            case text(String)
            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let number = try? container.decode(Double.self) {
                    self = .time(number)
                } else {
                    self = .text(try container.decode(String.self))
                }
            }
        }
        let answer = try JSONDecoder().decode(Answer.self, from: body)
        guard answer.status == "success", let sample = answer.data?.result.first, sample.value.count == 2,
            case .text(let text) = sample.value[1], let value = Double(text), !value.isNaN
        else { return nil }
        return value
    }
}
