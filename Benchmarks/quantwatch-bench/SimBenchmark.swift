import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import QuantWatchDomain
import QuantWatchSimulator

/// Requests per second one simulated model sustains on loopback with no injected latency.
struct SimBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Requests/s the simulator sustains on loopback (zero latency, high speed), N concurrent clients.")

    @Option(help: "Requests in total, per dialect.") var requests = 4000
    @Option(help: "Concurrent client loops.") var concurrency = 16
    @Option(help: "openai, llamacpp, ollama, anthropic or all.") var dialect = "all"
    @Option(help: "Streamed (SSE/NDJSON) or whole responses.") var stream = true
    @Option(help: "Speed factor for model delays (1e6: effectively none).") var speed = 1e6

    func validate() throws {
        guard requests > 0, concurrency > 0, speed > 0 else {
            throw ValidationError("requests, concurrency and speed must be positive")
        }
        guard dialect == "all" || BackendKind(rawValue: dialect) != nil else {
            throw ValidationError("unknown dialect '\(dialect)'")
        }
    }

    func run() async throws {
        let kinds = dialect == "all" ? BackendKind.allCases : [BackendKind(rawValue: dialect) ?? .openai]
        let model = SimModel(id: "bench", profile: .q4_k_m)
        let fleet = try await SimFleet.start(models: [model], canaries: DemoSuite.canaries, speed: speed)
        guard let base = fleet.servers.first?.baseURL else {
            await fleet.shutdown()
            throw ValidationError("the simulator did not start")
        }
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = concurrency
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        print("sim: \(requests) requests per dialect, \(concurrency) concurrent, stream \(stream), speed \(speed)")
        print(pad("dialect", 11) + pad("req/s", 10) + pad("p50 ms", 9) + pad("p99 ms", 9) + pad("max ms", 9) + "errors")
        for kind in kinds {
            let result = await measure(kind, base: base, client: client)
            let sorted = result.latencies.sorted()
            func percentile(_ p: Double) -> Double {
                sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
            }
            print(
                pad(kind.rawValue, 11) + pad(format(Double(requests) / result.seconds), 10)
                    + pad(format(percentile(0.5)), 9) + pad(format(percentile(0.99)), 9)
                    + pad(format(sorted.last ?? 0), 9) + String(result.errors))
        }
        try await client.shutdown()
        await fleet.shutdown()
        printDriftCalibration()
    }

    /// Mean KL divergence per token of each preset from the FP16 reference (OTHER bucket for the tail mass),
    /// to compare with llama.cpp's LLaMA-3-8B figures (Q8_0 ~0.0014, Q4_K_M ~0.031, Q4_0 ~0.072).
    private func printDriftCalibration() {
        let positions = 5000
        print("drift: mean KLD from FP16 over \(positions) token positions")
        for profile in QuantProfile.presets.dropFirst() {
            var total = 0.0
            for position in 0..<positions {
                let token = "t\(position % 101)"
                let reference = TokenDistributionModel.distribution(
                    token: token, position: position, promptKey: 7, seed: 42, profile: .fp16)
                let quant = Dictionary(
                    TokenDistributionModel.distribution(
                        token: token, position: position, promptKey: 7, seed: 42, profile: profile
                    ).map { ($0.token, $0.logprob) }, uniquingKeysWith: { first, _ in first })
                var referenceRest = 1.0
                var quantRest = 1.0
                for entry in reference {
                    guard let other = quant[entry.token] else { continue }
                    total += exp(entry.logprob) * (entry.logprob - other)
                    referenceRest -= exp(entry.logprob)
                    quantRest -= exp(other)
                }
                if referenceRest > 1e-12, quantRest > 1e-12 { total += referenceRest * log(referenceRest / quantRest) }
            }
            print(
                pad(profile.label, 8) + "KLD " + String(total / Double(positions))
                    + " (target \(profile.targetKLD))")
        }
    }

    private func measure(
        _ kind: BackendKind, base: String, client: HTTPClient
    ) async -> (seconds: Double, latencies: [Double], errors: Int) {
        let url = base + (SimServer.generatePaths(kind).first ?? "")
        let bodies = DemoSuite.canaries.map { body(kind, question: $0.messages[0].content) }
        let clock = ContinuousClock()
        let start = clock.now
        let perLoop = (requests + concurrency - 1) / concurrency
        let total = requests
        let outcome = await withTaskGroup(of: ([Double], Int).self) { group in
            for loop in 0..<concurrency {
                group.addTask {
                    var latencies: [Double] = []
                    var errors = 0
                    let first = loop * perLoop
                    for index in first..<min(first + perLoop, total) {
                        var request = HTTPClientRequest(url: url)
                        request.method = .POST
                        request.headers.add(name: "content-type", value: "application/json")
                        request.body = .bytes(ByteBuffer(string: bodies[index % bodies.count]))
                        let began = clock.now
                        do {
                            let response = try await client.execute(request, timeout: .seconds(30))
                            _ = try await response.body.collect(upTo: 1 << 20)
                            if response.status != .ok { errors += 1 }
                            latencies.append((clock.now - began).milliseconds)
                        } catch {
                            errors += 1
                        }
                    }
                    return (latencies, errors)
                }
            }
            var latencies: [Double] = []
            var errors = 0
            for await (part, failed) in group {
                latencies += part
                errors += failed
            }
            return (latencies, errors)
        }
        return ((clock.now - start).seconds, outcome.0, outcome.1)
    }

    private func body(_ kind: BackendKind, question: String) -> String {
        let content = SimJSON.string(question).text
        switch kind {
        case .openai:
            return "{\"model\":\"m\",\"stream\":\(stream),\"logprobs\":true,\"top_logprobs\":5,"
                + "\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\(content)}]}"
        case .llamacpp:
            return "{\"prompt\":\(content),\"stream\":\(stream),\"n_probs\":5,\"cache_prompt\":false}"
        case .ollama:
            return "{\"model\":\"m\",\"stream\":\(stream),\"messages\":[{\"role\":\"user\",\"content\":\(content)}]}"
        case .anthropic:
            return "{\"model\":\"m\",\"max_tokens\":64,\"stream\":\(stream),"
                + "\"messages\":[{\"role\":\"user\",\"content\":\(content)}]}"
        }
    }

    private func format(_ value: Double) -> String {
        value >= 100 ? String(Int(value.rounded())) : String((value * 100).rounded() / 100)
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
