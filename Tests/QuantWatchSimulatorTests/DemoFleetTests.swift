import AsyncHTTPClient
import Foundation
import QuantWatchDomain
import QuantWatchSimulator
import Testing

/// The demo fleet starts on ephemeral ports, describes itself as a FleetConfig, answers, and stops.
struct DemoFleetTests {
    @Test func startsAnswersAndStops() async throws {
        let manual = ManualSimClock()
        let demo = try await DemoFleet.start(speed: 100, clock: manual.clock)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            let config = demo.config
            #expect(config.targets.count == 5)
            #expect(Set(config.targets.map(\.url)).count == 5)
            #expect(Set(config.targets.map(\.backend)) == Set(BackendKind.allCases))
            #expect(config.targets.allSatisfy { $0.url.hasPrefix("http://127.0.0.1:") && $0.interval == .seconds(2) })
            #expect(config.targets.filter { $0.baseline == "llama8b-f16" }.count == 3)
            #expect(config.targets.first { $0.backend == .llamacpp }?.topLogprobs == 5)
            let canaries = config.canaries(for: config.targets[0])
            #expect(canaries.count >= 12)
            #expect(Set(canaries.map(\.category)) == ["general", "math", "coding", "reasoning"])

            for target in config.targets {
                let question = SimTest.question("gen-capital")
                let (path, body): (String, String) =
                    switch target.backend {
                    case .openai:
                        ("/v1/chat/completions", SimTest.chatBody(question, model: target.model, stream: false))
                    case .llamacpp: ("/completion", SimTest.completionBody(question, stream: false))
                    case .ollama: ("/api/chat", SimTest.chatBody(question, model: target.model, stream: false))
                    case .anthropic: ("/v1/messages", SimTest.anthropicBody(question, stream: false))
                    }
                let response = try await SimTest.post(client, target.url + path, body)
                #expect([200, 429].contains(response.status), "\(target.id): \(response.status)")
                #expect(SimTest.object(response.body) != nil, "\(target.id)")
            }

            // Inside the 429 burst most remote requests are rate limited.
            manual.set(.seconds(70))
            let remote = try #require(config.targets.first { $0.id == "remote-api" })
            var limited = 0
            for _ in 0..<40 {
                let response = try await SimTest.post(
                    client, remote.url + "/v1/messages", SimTest.anthropicBody("hi", stream: false))
                if response.status == 429 { limited += 1 }
            }
            #expect(limited > 12 && limited < 38, "\(limited) of 40 rate limited")
        } catch {
            try? await client.shutdown()
            await demo.shutdown()
            throw error
        }
        try await client.shutdown()
        await demo.shutdown()
        // Stopped: connecting again fails.
        let after = HTTPClient(eventLoopGroupProvider: .singleton)
        await #expect(throws: (any Error).self) {
            _ = try await SimTest.get(after, demo.config.targets[0].url + "/health", timeout: 1)
        }
        try await after.shutdown()
    }

    @Test func driftOnsetLowersQ4_0MathAccuracy() async throws {
        let manual = ManualSimClock()
        let demo = try await DemoFleet.start(speed: 200, clock: manual.clock)
        guard let engine = demo.fleet.server(id: "q4_0")?.engine else {
            await demo.shutdown()
            Issue.record("no q4_0 server in the demo fleet")
            return
        }
        let math = DemoSuite.canaries.filter { $0.category == "math" }
        func rightCount() -> Int {
            math.filter { engine.plan(SimRequest(messages: $0.messages)).answeredRight == true }.count
        }
        let before = rightCount()
        manual.set(.seconds(50))
        let after = rightCount()
        #expect(after < before, "math right before \(before), after \(after)")
        await demo.shutdown()
    }
}
