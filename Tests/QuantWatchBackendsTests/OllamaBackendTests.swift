import QuantWatchBackends
import QuantWatchDomain
import QuantWatchTestSupport
import Testing

private func line(_ content: String) -> String {
    #"{"model":"m","created_at":"2026-11-23T10:00:00Z","message":{"role":"assistant","content":"\#(content)"},"done":false}"#
}

private let doneLine = #"""
    {"model":"m","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop",\#
    "total_duration":90000000,"load_duration":2500000,"prompt_eval_count":12,"prompt_eval_duration":8000000,"eval_count":3,"eval_duration":45000000}
    """#

@Suite struct OllamaBackendTests {
    @Test func ollamaStreamsNDJSONWithServerTimings() async throws {
        try await withBackend(.ollama) { _ in
            .ndjson(
                [line(""), line("2"), line("+2"), line("=4"), doneLine], firstDelay: .milliseconds(50),
                interval: .milliseconds(20))
        } _: { backend, server in
            let generation = try #require(await backend.generate(probe(maxTokens: 8)).success)
            #expect(generation.text == "2+2=4")
            #expect(generation.outputTokens == 3)
            #expect(generation.inputTokens == 12)
            #expect(generation.serverTimings?.predictedMilliseconds == 45)
            #expect(generation.serverTimings?.promptMilliseconds == 8)
            #expect(generation.serverTimings?.loadMilliseconds == 2.5)
            // The first line is empty content: TTFT is the second line, 50 + 20 ms in.
            #expect(generation.ttft >= .milliseconds(70))
            // The last content line cannot come before 50 + 3 x 20 ms; the gap after the first one is not
            // guaranteed, since a loaded client can read several lines in one go.
            #expect(generation.e2e >= .milliseconds(110))
            let request = try #require(server.requests.first)
            #expect(request.path == "/api/chat")
            let body = try #require(request.json)
            #expect(body["stream"] as? Bool == true)
            let options = try #require(body["options"] as? [String: Any])
            #expect(options["temperature"] as? Double == 0)
            #expect(options["seed"] as? Int == 7)
            #expect(options["num_predict"] as? Int == 8)
        }
    }

    @Test func ollamaFailuresAndReachability() async throws {
        try await withBackend(
            .ollama, timeouts: Timeouts(connect: .seconds(5), readIdle: .seconds(2), total: .seconds(20))
        ) {
            request in
            switch (request.path, request.index) {
            case ("/api/tags", _): .body(#"{"models":[]}"#)
            case (_, 0): .ndjson([line("a"), #"{"error":"model 'm' not found"}"#])
            case (_, 1): .ndjson([line("a"), "{not json"])
            case (_, 2): .ndjson([line("a")], ending: [.stall])
            default: .ndjson([line("a")], ending: [.reset])
            }
        } _: { backend, _ in
            let notFound = await backend.generate(probe())
            #expect(notFound.failure?.message.contains("not found") == true, "\(notFound)")
            #expect(await backend.generate(probe()).failure?.errorClass == .protocol)
            #expect(await backend.generate(probe()).failure?.errorClass == .timeout)
            #expect(await backend.generate(probe()).failure?.errorClass == .connect)
            #expect(await backend.checkReachable().failure == nil)
        }
    }
}
