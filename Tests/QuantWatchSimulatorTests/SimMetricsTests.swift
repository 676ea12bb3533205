import AsyncHTTPClient
import Foundation
import QuantWatchDomain
import QuantWatchSimulator
import Testing

/// The simulator's `/metrics`: both namings, the deprecated one, llama.cpp's 501, and a queue that follows load.
struct SimMetricsTests {
    private func withServer<T>(
        metrics: SimMetricsNaming, slots: Int? = nil, speed: Double = 200, faults: FaultScript = FaultScript(),
        clock: SimClock = .continuous(), _ body: (SimServer, HTTPClient) async throws -> T
    ) async throws -> T {
        try await SimTest.withServer(
            model: SimModel(id: "q4_0", profile: .q4_0, metrics: metrics, slots: slots), seed: 42, speed: speed,
            faults: faults, clock: clock, body)
    }

    private func reading(_ client: HTTPClient, _ server: SimServer) async throws -> RuntimeReading {
        let response = try await SimTest.get(client, try #require(server.baseURL) + "/metrics")
        #expect(response.status == 200)
        return RuntimeReading(try PrometheusTextParser.parse(response.body), at: Date())
    }

    private func complete(_ client: HTTPClient, _ server: SimServer) async throws {
        let response = try await SimTest.post(
            client, try #require(server.baseURL) + "/completion",
            SimTest.completionBody(SimTest.question("gen-capital"), stream: true))
        #expect(response.status == 200)
    }

    @Test func servesLlamaCppNamesAndCountsTokens() async throws {
        try await withServer(metrics: .llamacpp) { server, client in
            let before = try await reading(client, server)
            #expect(before.naming == .llamacpp)
            #expect(before.requestsRunning == 0)
            #expect(before.requestsWaiting == 0)
            try await complete(client, server)
            let after = try await reading(client, server)
            #expect((after.generationTokensTotal ?? 0) > (before.generationTokensTotal ?? 0))
            #expect((after.promptTokensTotal ?? 0) > 0)
        }
    }

    @Test(arguments: [SimMetricsNaming.vllm, .vllmLegacy])
    func servesVLLMNamesWithHistograms(_ naming: SimMetricsNaming) async throws {
        try await withServer(metrics: naming) { server, client in
            try await complete(client, server)
            let reading = try await reading(client, server)
            #expect(reading.naming == .vllm)
            #expect(reading.kvCacheUsage != nil)
            #expect(reading.ttft?.count == 1)
            #expect(reading.e2e?.count == 1)
            #expect(reading.queue?.count == 1)
            let text = try await SimTest.get(client, try #require(server.baseURL) + "/metrics").body
            #expect(text.contains(naming == .vllm ? "vllm:kv_cache_usage_perc{" : "vllm:gpu_cache_usage_perc{"))
        }
    }

    @Test func metricsOffAnswers501() async throws {
        try await withServer(metrics: .off) { server, client in
            let response = try await SimTest.get(client, try #require(server.baseURL) + "/metrics")
            #expect(response.status == 501)
            #expect(response.body.contains("--metrics"))
        }
    }

    @Test func overlappingRequestsBeyondTheSlotsWaitAndShowAsDeferred() async throws {
        // Slow (speed 1) so requests overlap; one slot, so all but one wait.
        try await withServer(metrics: .llamacpp, slots: 1, speed: 1) { server, client in
            let load = Task {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<4 { group.addTask { try await complete(client, server) } }
                    try await group.waitForAll()
                }
            }
            var peakWaiting = 0.0
            var peakRunning = 0.0
            for _ in 0..<400 where peakWaiting == 0 {
                let now = try await reading(client, server)
                peakWaiting = max(peakWaiting, now.requestsWaiting ?? 0)
                peakRunning = max(peakRunning, now.requestsRunning ?? 0)
                try await Task.sleep(for: .milliseconds(5))
            }
            try await load.value
            let after = try await reading(client, server)
            #expect(peakWaiting >= 1, "waiting never rose above 0")
            #expect(peakRunning <= 1)
            #expect(after.requestsWaiting == 0)
            #expect(after.requestsRunning == 0)
        }
    }

    @Test func aQueueFaultShowsWaitingRequestsAndDelaysTheFirstToken() async throws {
        let manual = ManualSimClock()
        let faults = FaultScript(windows: [
            FaultWindow(
                start: .seconds(10), duration: .seconds(10), model: "q4_0",
                fault: .queue(depth: 6, wait: .milliseconds(300)))
        ])
        try await withServer(metrics: .llamacpp, faults: faults, clock: manual.clock) { server, client in
            let before = try await reading(client, server)
            #expect(before.requestsWaiting == 0)
            manual.set(.seconds(12))
            let during = try await reading(client, server)
            #expect(during.requestsWaiting == 6)
            let plan = server.engine.plan(SimRequest(messages: [ChatMessage(role: .user, content: "hi")]))
            #expect(plan.queueDelay == .milliseconds(300))
            // The wait is in the queue, before the engine: llama.cpp's own prompt time leaves it out.
            let started = ContinuousClock.now
            let response = try await SimTest.post(
                client, try #require(server.baseURL) + "/completion",
                SimTest.completionBody(SimTest.question("gen-capital"), stream: false))
            #expect(ContinuousClock.now - started >= .milliseconds(300))
            let timings = try #require(SimTest.object(response.body)?["timings"] as? [String: Any])
            #expect(try #require(timings["prompt_ms"] as? Double) < 300)
            manual.set(.seconds(25))
            let after = try await reading(client, server)
            #expect(after.requestsWaiting == 0)
        }
    }
}
