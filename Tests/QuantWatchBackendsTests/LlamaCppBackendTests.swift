@testable import QuantWatchBackends
@testable import QuantWatchDomain
import QuantWatchTestSupport
import Testing

private func chunk(_ content: String, probs: String = "") -> String {
    #"{"content":"\#(content)","stop":false\#(probs.isEmpty ? "" : ",\"completion_probabilities\":" + probs)}"#
}

private let finalChunk = #"""
    {"content":"","stop":true,"tokens_predicted":3,"tokens_evaluated":20,\#
    "timings":{"prompt_n":20,"prompt_ms":15.5,"predicted_n":3,"predicted_ms":42.0,"predicted_per_second":71.4}}
    """#

@Suite struct LlamaCppBackendTests {
    @Test func llamaCppTimingsUsageAndRequestFields() async throws {
        let events = [chunk("Four"), chunk("."), chunk(" 4"), finalChunk].map { ScriptedResponse.event($0) }
        try await withBackend(.llamacpp) { _ in
            .sse(events, firstDelay: .milliseconds(50), interval: .milliseconds(20))
        } _: { backend, server in
            let generation = try #require(await backend.generate(probe(system: "Be brief.")).success)
            #expect(generation.text == "Four. 4")
            #expect(generation.outputTokens == 3)
            #expect(generation.inputTokens == 20)
            #expect(
                generation.serverTimings
                    == ServerTimings(
                        promptMilliseconds: 15.5, promptTokens: 20, predictedMilliseconds: 42.0, predictedTokens: 3))
            #expect(generation.ttft >= .milliseconds(50))
            // The last content chunk cannot come before 50 + 2 x 20 ms; the gap after the first one is not
            // guaranteed, since a loaded client can read several chunks in one go.
            #expect(generation.e2e >= .milliseconds(90))
            let request = try #require(server.requests.first)
            #expect(request.path == "/completion")
            let body = try #require(request.json)
            #expect(body["cache_prompt"] as? Bool == false)
            #expect(body["temperature"] as? Double == 0)
            #expect(body["seed"] as? Int == 7)
            #expect(body["n_predict"] as? Int == 16)
            #expect(body["stream"] as? Bool == true)
            #expect(body["top_k"] as? Int == 1)
            #expect(body["n_probs"] == nil)
            #expect(
                body["prompt"] as? String == """
                    <|im_start|>system
                    Be brief.<|im_end|>
                    <|im_start|>user
                    What is 2+2?<|im_end|>
                    <|im_start|>assistant

                    """)
        }
    }

    @Test func llamaCppParsesBothProbabilityShapes() async throws {
        let newer =
            #"[{"id":19,"token":"4","logprob":-0.05,"bytes":[52],"top_logprobs":[{"id":19,"token":"4","logprob":-0.05},{"id":20,"token":"5","logprob":-3.2}]}]"#
        let older = #"[{"content":"!","probs":[{"tok_str":"?","prob":0.25},{"tok_str":"!","prob":0.75}]}]"#
        let events = [chunk("4", probs: newer), chunk("!", probs: older), finalChunk].map { ScriptedResponse.event($0) }
        try await withBackend(.llamacpp) { _ in
            .sse(events)
        } _: { backend, server in
            let generation = try #require(await backend.generate(probe(topLogprobs: 2)).success)
            #expect(generation.logprobs.count == 2)
            #expect(
                generation.logprobs[0]
                    == TokenLogprob(
                        token: "4", logprob: -0.05,
                        top: [
                            .init(token: "4", logprob: -0.05), .init(token: "5", logprob: -3.2),
                        ]))
            #expect(generation.logprobs[1].token == "!")
            #expect(abs(generation.logprobs[1].logprob - (-0.287682)) < 1e-5)
            #expect(generation.logprobs[1].top.map(\.token) == ["!", "?"])
            #expect(server.requests.first?.json?["n_probs"] as? Int == 2)
        }
    }

    @Test func llamaCppPostSamplingProbabilities() {
        let probability = LlamaCppStreamDecoder.Probability(
            token: "a", prob: 0.5, topProbs: [.init(token: "a", prob: 0.5), .init(token: "b", prob: 0)])
        let decoded = LlamaCppStreamDecoder.tokenLogprob(probability)
        #expect(abs(decoded.logprob - (-0.693147)) < 1e-5)
        #expect(decoded.top.last?.logprob == LogprobFloor.floor)
    }

    @Test func llamaCppStreamErrorAndHealth() async throws {
        let error = #"{"error":{"code":500,"message":"slot unavailable","type":"server_error"}}"#
        try await withBackend(.llamacpp) { request in
            request.path == "/health" ? .body(#"{"status":"ok"}"#) : .sse([ScriptedResponse.event(error)])
        } _: { backend, _ in
            let failure = try #require(await backend.generate(probe()).failure)
            #expect(failure.errorClass == .http5xx)
            #expect(failure.message.contains("slot unavailable"))
            #expect(await backend.checkReachable().failure == nil)
        }
    }

    @Test func llamaCppHealthLoadingModelIsA5xx() async throws {
        try await withBackend(.llamacpp) { _ in
            .body(#"{"error":{"code":503,"message":"Loading model","type":"unavailable_error"}}"#, status: 503)
        } _: { backend, _ in
            let failure = try #require(await backend.checkReachable().failure)
            #expect(failure.errorClass == .http5xx)
            #expect(failure.message.contains("Loading model"))
        }
    }
}
