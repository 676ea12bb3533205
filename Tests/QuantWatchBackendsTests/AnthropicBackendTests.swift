import QuantWatchBackends
import QuantWatchDomain
import QuantWatchTestSupport
import Testing

private func delta(_ text: String) -> String {
    ScriptedResponse.event(
        #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"\#(text)"}}"#,
        name: "content_block_delta")
}

private let start = ScriptedResponse.event(
    #"{"type":"message_start","message":{"id":"msg","role":"assistant","content":[],"usage":{"input_tokens":25,"output_tokens":1}}}"#,
    name: "message_start")
private let blockStart = ScriptedResponse.event(
    #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#, name: "content_block_start")
private let ping = ScriptedResponse.event(#"{"type":"ping"}"#, name: "ping")

private func messageDelta(_ tokens: Int) -> String {
    ScriptedResponse.event(
        #"{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":\#(tokens)}}"#,
        name: "message_delta")
}

private let stop = ScriptedResponse.event(#"{"type":"message_stop"}"#, name: "message_stop")

@Suite struct AnthropicBackendTests {
    @Test func anthropicCumulativeUsageTakesTheLast() async throws {
        let key = "sk-ant-test-0001"
        try await withBackend(.anthropic, apiKey: key) { _ in
            var script = ScriptedResponse.sse(
                [delta("Hel"), delta("lo"), ping, messageDelta(2), messageDelta(5), stop],
                firstDelay: .milliseconds(60), interval: .milliseconds(20))
            script.steps.insert(contentsOf: [.text(start), .text(blockStart)], at: 0)
            return script
        } _: { backend, server in
            let generation = try #require(await backend.generate(probe(system: "Answer with a number.")).success)
            #expect(generation.text == "Hello")
            #expect(generation.outputTokens == 5)
            #expect(generation.inputTokens == 25)
            #expect(generation.ttft >= .milliseconds(60))
            // The second delta cannot arrive before 60 + 20 ms; a gap between the two is not guaranteed, since a
            // loaded client can read both chunks in one go.
            #expect(generation.e2e >= .milliseconds(80))
            // E2E is the last content chunk, not message_stop (which came 60 ms later).
            let request = try #require(server.requests.first)
            #expect(request.path == "/v1/messages")
            #expect(request.header("x-api-key") == key)
            #expect(request.header("anthropic-version") == "2023-06-01")
            #expect(request.header("authorization") == nil)
            let body = try #require(request.json)
            #expect(body["temperature"] as? Double == 0)
            #expect(body["max_tokens"] as? Int == 16)
            #expect(body["system"] as? String == "Answer with a number.")
            #expect((body["messages"] as? [[String: Any]])?.count == 1)
            #expect(body["stream"] as? Bool == true)
        }
    }

    @Test func anthropicE2EIsTheLastContentChunk() async throws {
        try await withBackend(.anthropic) { _ in
            // The stream ends 3 s after the last content chunk; E2E must stop at the chunk.
            .sse([start, delta("x"), messageDelta(1)], ending: [.sleep(.seconds(3)), .mark("stop"), .text(stop)])
        } _: { backend, server in
            let generation = try #require(await backend.generate(probe()).success)
            let request = try #require(server.requests.first)
            let stopSent = try #require(server.marks(forRequest: request.index)["stop"])
            // Timed at message_stop, E2E would be at least the server's own time from request to stop (t0 comes
            // before the server has the request). Timed at the chunk, it is shorter unless the request and the chunk
            // spend 3 s in transit together: an absolute bound failed on a loaded CI machine whose server was late.
            #expect(generation.e2e < request.receivedAt.duration(to: stopSent))
        }
    }

    @Test func anthropicOverloadedEventIsRetriedLike529() async throws {
        let overloaded = ScriptedResponse.event(
            #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#, name: "error")
        try await withBackend(.anthropic, retry: RetryPolicy(maxRetries: 2, baseDelay: .milliseconds(5))) { request in
            request.index == 0 ? .sse([start, overloaded]) : .sse([start, delta("ok"), messageDelta(1), stop])
        } _: { backend, server in
            let generation = try #require(await backend.generate(probe()).success)
            #expect(generation.retries == 1)
            #expect(generation.text == "ok")
            #expect(server.requests.count == 2)
        }
    }

    @Test func anthropicOverloadedUntilGivingUp() async throws {
        let overloaded = ScriptedResponse.event(
            #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#, name: "error")
        try await withBackend(.anthropic, retry: RetryPolicy(maxRetries: 1, baseDelay: .milliseconds(5))) { _ in
            .sse([start, overloaded])
        } _: { backend, _ in
            let failure = try #require(await backend.generate(probe()).failure)
            #expect(failure.errorClass == .http5xx)
            #expect(failure.httpStatus == 529)
            #expect(failure.retries == 1)
        }
    }
}
