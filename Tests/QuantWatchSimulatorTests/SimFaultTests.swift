import AsyncHTTPClient
import Foundation
import NIOCore
import QuantWatchBackends
import QuantWatchDomain
import QuantWatchSimulator
import QuantWatchTestSupport
import Synchronization
import Testing

/// Every fault, observed from the client side over real loopback HTTP.
struct SimFaultTests {
    private static func always(_ fault: Fault) -> FaultScript {
        FaultScript(windows: [FaultWindow(fault: fault)])
    }

    @Test func errorShareIsRoughlyRight() async throws {
        try await SimTest.withServer(faults: Self.always(.errors(share: 0.3, status: 503))) { server, client in
            let url = try #require(server.baseURL) + "/v1/chat/completions"
            var statuses: [Int: Int] = [:]
            for index in 0..<200 {
                let body = SimTest.chatBody(
                    SimTest.canaries[index % SimTest.canaries.count].messages[0].content,
                    stream: false)
                statuses[try await SimTest.post(client, url, body).status, default: 0] += 1
            }
            #expect(Set(statuses.keys) == [200, 503])
            let share = Double(statuses[503] ?? 0) / 200
            #expect(share > 0.18 && share < 0.42, "503 share \(share)")
        }
    }

    @Test func anthropicDefaultErrorIsOverloaded529() async throws {
        try await SimTest.withServer(faults: Self.always(.errors(share: 1, status: nil))) { server, client in
            let base = try #require(server.baseURL)
            let response = try await SimTest.post(
                client, base + "/v1/messages", SimTest.anthropicBody("hi", stream: true))
            #expect(response.status == 529)
            let error = SimTest.object(response.body)?["error"] as? [String: Any]
            #expect(error?["type"] as? String == "overloaded_error")
            let openAI = try await SimTest.post(
                client, base + "/v1/chat/completions", SimTest.chatBody("hi", stream: true))
            #expect(openAI.status == 500)
        }
    }

    @Test func rateLimitCarriesRetryAfter() async throws {
        let faults = Self.always(.rateLimit(share: 1, retryAfter: .milliseconds(1500)))
        try await SimTest.withServer(faults: faults) { server, client in
            let base = try #require(server.baseURL)
            let response = try await SimTest.post(client, base + "/api/chat", SimTest.chatBody("hi", stream: true))
            #expect(response.status == 429)
            #expect(response.headers.first(name: "retry-after") == "2")
            #expect(response.headers.first(name: "retry-after-ms") == "1500")
            #expect(SimTest.object(response.body)?["error"] is String)
        }
    }

    @Test func resetClosesTheConnectionMidBody() async throws {
        try await SimTest.withServer(speed: 20, faults: Self.always(.reset(share: 1, afterTokens: 2))) {
            server, client in
            let url = try #require(server.baseURL) + "/v1/chat/completions"
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.body = .bytes(ByteBuffer(string: SimTest.chatBody("Tell me a story about tea.", stream: true)))
            let response = try await client.execute(request, timeout: .seconds(10))
            #expect(response.status == .ok)
            var received = ""
            var failed = false
            do {
                for try await chunk in response.body {
                    received += String(buffer: chunk)
                }
            } catch {
                failed = true
            }
            #expect(failed, "the body should end in an error, got: \(received)")
            #expect(received.contains("\"role\":\"assistant\""))
            #expect(!received.contains("[DONE]"))
        }
    }

    @Test func stallStopsSendingButKeepsTheConnection() async throws {
        try await SimTest.withServer(speed: 50, faults: Self.always(.stall(share: 1, afterTokens: 1))) {
            server, client in
            let url = try #require(server.baseURL) + "/completion"
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.body = .bytes(ByteBuffer(string: SimTest.completionBody("Tell me about tea.", stream: true)))
            let response = try await client.execute(request, timeout: .seconds(10))
            let progress = StreamProgress()
            let reader = Task {
                for try await chunk in response.body {
                    progress.append(String(buffer: chunk))
                }
                progress.finish()
            }
            // Generous: at speed 50 the whole answer would take a few milliseconds.
            try await Task.sleep(for: .milliseconds(800))
            let (text, finished) = progress.state
            reader.cancel()
            _ = await reader.result
            #expect(!finished, "the stream ended by itself instead of stalling: \(text)")
            #expect(text.components(separatedBy: "\"stop\":false").count - 1 == 1)
            #expect(!text.contains("\"stop\":true"))
        }
    }

    @Test func refuseClosesTheListenerAndReopensTheSamePort() async throws {
        let manual = ManualSimClock()
        let faults = FaultScript(
            windows: [FaultWindow(start: .seconds(10), duration: .seconds(10), model: "q4_0", fault: .refuse)])
        // Outside the ephemeral range: while refusing, the port is free, and another test's server bound to port 0
        // must not be handed it (it would then receive this test's requests, and this test its answers).
        let port = try LoopbackPort.unusedOutsideEphemeralRange()
        try await SimTest.withServer(profile: .q4_0, port: port, faults: faults, clock: manual.clock) { server, _ in
            let port = try #require(server.port)
            let client = BackendFactory.makeHTTPClient(connectTimeout: .seconds(2))
            let target = TargetConfig(
                id: "t", backend: .openai, url: try #require(server.baseURL), model: "m",
                retry: RetryPolicy(maxRetries: 0))
            let backend = BackendFactory.make(target: target, environment: [:], httpClient: client)
            let request = ProbeRequest(canary: SimTest.canaries[0])
            #expect((try? await backend.generate(request).get()) != nil)

            manual.set(.seconds(15))
            #expect(await Self.waitUntil { !server.isListening }, "the listener stayed open")
            // Fresh clients, one per attempt: a pooled connection the server has just closed, or a connect that
            // races the listener's close, gives a reset; once the listener is gone every connect is refused.
            var failures: [ProbeFailure] = []
            for _ in 0..<50 {
                let freshClient = BackendFactory.makeHTTPClient(connectTimeout: .seconds(2))
                let fresh = BackendFactory.make(target: target, environment: [:], httpClient: freshClient)
                let outcome = await fresh.generate(request)
                try await freshClient.shutdown()
                guard case .failure(let failure) = outcome else {
                    Issue.record("a refusing model answered")
                    return
                }
                failures.append(failure)
                if failure.message.contains("Connection refused") { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            // ErrorClass has no class of its own for a refusal: it is a connect failure that says so.
            #expect(failures.allSatisfy { $0.errorClass == .connect }, "\(failures.map(\.message))")
            #expect(failures.last?.message.contains("Connection refused") == true, "\(failures.map(\.message))")

            manual.set(.seconds(20))
            #expect(await Self.waitUntil { server.isListening }, "the listener did not reopen")
            #expect(server.port == port)
            #expect((try? await backend.generate(request).get()) != nil)
            try await client.shutdown()
        }
    }

    /// Polls `condition` every 10 ms for up to 10 s.
    private static func waitUntil(_ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while !condition() {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return true
    }

    @Test func malformedChunkIsNotJSON() async throws {
        try await SimTest.withServer(faults: Self.always(.malformed(share: 1))) { server, client in
            let base = try #require(server.baseURL)
            let stream = try await SimTest.post(
                client, base + "/v1/chat/completions", SimTest.chatBody("hi", stream: true))
            let broken = stream.sseData.filter { $0 != "[DONE]" && SimTest.object($0) == nil }
            #expect(broken.count == 1)
            let whole = try await SimTest.post(client, base + "/api/chat", SimTest.chatBody("hi", stream: false))
            #expect(whole.status == 200)
            #expect(SimTest.object(whole.body) == nil)
        }
    }

    @Test func injectedLatencyIsRoughlyRespected() async throws {
        let faults = Self.always(.latency(add: .milliseconds(400), multiply: 1, share: 1))
        try await SimTest.withServer(speed: 1000, faults: faults) { server, client in
            let url = try #require(server.baseURL) + "/v1/chat/completions"
            let clock = ContinuousClock()
            let start = clock.now
            _ = try await SimTest.post(client, url, SimTest.chatBody(SimTest.question("gen-capital"), stream: false))
            let elapsed = clock.now - start
            // Never under the injected delay; the upper bound only guards against "forever" on a busy machine.
            #expect(elapsed >= .milliseconds(400))
            #expect(elapsed < .seconds(10))
        }
    }

    @Test func accuracyDropOverHTTPFollowsTheClock() async throws {
        let manual = ManualSimClock()
        let faults = FaultScript(windows: [
            FaultWindow(start: .seconds(60), fault: .accuracyDrop(category: "math", points: 100))
        ])
        try await SimTest.withServer(profile: .fp16, faults: faults, clock: manual.clock) { server, client in
            let url = try #require(server.baseURL) + "/v1/chat/completions"
            let body = SimTest.chatBody(SimTest.question("math-mul"), stream: false)
            func answer() async throws -> String {
                let object = SimTest.object(try await SimTest.post(client, url, body).body)
                let choice = (object?["choices"] as? [[String: Any]])?.first
                return (choice?["message"] as? [String: Any])?["content"] as? String ?? ""
            }
            let before = try await answer()
            #expect(before == "391")
            manual.set(.seconds(61))
            let after = try await answer()
            #expect(after != "391" && !after.isEmpty)
        }
    }
}

/// What a background reader has seen of a stream so far.
private final class StreamProgress: Sendable {
    private let box = Mutex<(text: String, finished: Bool)>(("", false))

    func append(_ text: String) {
        box.withLock { $0.text += text }
    }

    func finish() {
        box.withLock { $0.finished = true }
    }

    var state: (text: String, finished: Bool) {
        box.withLock { $0 }
    }
}
