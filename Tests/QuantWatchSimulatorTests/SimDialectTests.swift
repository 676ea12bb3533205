import Foundation
import QuantWatchDomain
import QuantWatchSimulator
import Testing

/// Each dialect's output parsed back from raw HTTP: event order, first chunk, usage, timings.
struct SimDialectTests {
    @Test func openAIStreamHasRoleChunkContentLogprobsUsageAndDone() async throws {
        try await SimTest.withServer(profile: .fp16) { server, client in
            let url = try #require(server.baseURL) + "/v1/chat/completions"
            let body = SimTest.chatBody(
                SimTest.question("gen-capital"), stream: true,
                extra: ",\"logprobs\":true,\"top_logprobs\":5,\"stream_options\":{\"include_usage\":true}")
            let response = try await SimTest.post(client, url, body)
            #expect(response.status == 200)
            #expect(response.headers.first(name: "content-type") == "text/event-stream")
            let data = response.sseData
            #expect(data.last == "[DONE]")
            let chunks = data.dropLast().compactMap(SimTest.object)
            #expect(chunks.count == data.count - 1)
            let first = try #require(chunks.first?["choices"] as? [[String: Any]]).first
            let firstDelta = try #require(first?["delta"] as? [String: Any])
            #expect(firstDelta["role"] as? String == "assistant")
            #expect((firstDelta["content"] as? String ?? "").isEmpty)

            var text = ""
            var contentChunks = 0
            for chunk in chunks.dropFirst() {
                guard let choice = (chunk["choices"] as? [[String: Any]])?.first,
                    let delta = choice["delta"] as? [String: Any], let content = delta["content"] as? String
                else { continue }
                text += content
                contentChunks += 1
                let logprobs = try #require((choice["logprobs"] as? [String: Any])?["content"] as? [[String: Any]])
                let top = try #require(logprobs.first?["top_logprobs"] as? [[String: Any]])
                #expect(top.count == 5)
                #expect(logprobs.first?["token"] as? String == content)
            }
            #expect(AnswerNormalizer.normalize(text) == "paris")
            let finish = chunks.compactMap { ($0["choices"] as? [[String: Any]])?.first?["finish_reason"] as? String }
            #expect(finish == ["stop"])
            let usageChunk = try #require(chunks.last)
            #expect((usageChunk["choices"] as? [Any])?.isEmpty == true)
            let usage = try #require(usageChunk["usage"] as? [String: Any])
            #expect(usage["completion_tokens"] as? Int == contentChunks)
            #expect((usage["prompt_tokens"] as? Int ?? 0) > 0)
        }
    }

    @Test func openAINonStreamingAndModels() async throws {
        try await SimTest.withServer(profile: .q8_0) { server, client in
            let base = try #require(server.baseURL)
            let response = try await SimTest.post(
                client, base + "/v1/chat/completions", SimTest.chatBody(SimTest.question("math-mul"), stream: false))
            let object = try #require(SimTest.object(response.body))
            #expect(object["object"] as? String == "chat.completion")
            let message = try #require((object["choices"] as? [[String: Any]])?.first?["message"] as? [String: Any])
            #expect(!(message["content"] as? String ?? "").isEmpty)
            #expect((object["usage"] as? [String: Any])?["completion_tokens"] as? Int ?? 0 > 0)
            let models = try await SimTest.get(client, base + "/v1/models")
            let list = try #require(SimTest.object(models.body)?["data"] as? [[String: Any]])
            #expect(list.first?["id"] as? String == server.engine.model.modelName)
        }
    }

    @Test func llamaCppStreamEndsWithTimingsAndProbabilities() async throws {
        try await SimTest.withServer(profile: .q4_0) { server, client in
            let base = try #require(server.baseURL)
            let prompt = "<|user|>\n" + SimTest.question("reason-days") + "\n<|assistant|>\n"
            let response = try await SimTest.post(
                client, base + "/completion", SimTest.completionBody(prompt, stream: true, probs: 3))
            #expect(response.status == 200)
            let events = response.sseData.compactMap(SimTest.object)
            #expect(events.count == response.sseData.count)
            let final = try #require(events.last)
            #expect(final["stop"] as? Bool == true)
            let tokens = events.dropLast()
            #expect(tokens.allSatisfy { $0["stop"] as? Bool == false })
            for event in tokens {
                let probabilities = try #require(event["completion_probabilities"] as? [[String: Any]])
                #expect((probabilities.first?["top_logprobs"] as? [Any])?.count == 3)
            }
            let timings = try #require(final["timings"] as? [String: Any])
            #expect(timings["predicted_n"] as? Int == tokens.count)
            #expect(final["tokens_predicted"] as? Int == tokens.count)
            #expect((timings["prompt_n"] as? Int ?? 0) > 0)
            #expect((timings["prompt_ms"] as? Double ?? -1) >= 0)
            #expect((timings["predicted_ms"] as? Double ?? -1) >= 0)
            let health = try await SimTest.get(client, base + "/health")
            #expect(SimTest.object(health.body)?["status"] as? String == "ok")
        }
    }

    @Test func ollamaStreamsNDJSONWithFinalCounts() async throws {
        try await SimTest.withServer(profile: .q4_k_m) { server, client in
            let base = try #require(server.baseURL)
            let body =
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\(SimJSON.string(SimTest.question("gen-planet")).text)}],"
                + "\"options\":{\"seed\":42,\"temperature\":0}}"
            let response = try await SimTest.post(client, base + "/api/chat", body)
            #expect(response.headers.first(name: "content-type") == "application/x-ndjson")
            let lines = response.lines.compactMap(SimTest.object)
            #expect(lines.count == response.lines.count)
            let final = try #require(lines.last)
            #expect(final["done"] as? Bool == true)
            let content = lines.dropLast().map { ($0["message"] as? [String: Any])?["content"] as? String ?? "" }
            #expect(AnswerNormalizer.normalize(content.joined()) == "mars")
            #expect(final["eval_count"] as? Int == content.count)
            #expect((final["prompt_eval_count"] as? Int ?? 0) > 0)
            #expect((final["eval_duration"] as? Int ?? -1) >= 0)
            let tags = try await SimTest.get(client, base + "/api/tags")
            let models = try #require(SimTest.object(tags.body)?["models"] as? [[String: Any]])
            #expect((models.first?["details"] as? [String: Any])?["quantization_level"] as? String == "Q4_K_M")
        }
    }

    @Test func anthropicEventsInOrderWithCumulativeUsage() async throws {
        try await SimTest.withServer(profile: .fp16) { server, client in
            let base = try #require(server.baseURL)
            let response = try await SimTest.post(
                client, base + "/v1/messages", SimTest.anthropicBody(SimTest.question("gen-author"), stream: true))
            let events = response.sseEvents
            #expect(Array(events.prefix(3)) == ["message_start", "content_block_start", "ping"])
            #expect(Array(events.suffix(3)) == ["content_block_stop", "message_delta", "message_stop"])
            let deltas = events.filter { $0 == "content_block_delta" }.count
            #expect(deltas > 0 && deltas == events.count - 6)
            let data = response.sseData.compactMap(SimTest.object)
            let messageDelta = try #require(data.first { $0["type"] as? String == "message_delta" })
            #expect((messageDelta["usage"] as? [String: Any])?["output_tokens"] as? Int == deltas)
            let text = data.compactMap { ($0["delta"] as? [String: Any])?["text"] as? String }.joined()
            #expect(text.contains("Austen"))

            let whole = try await SimTest.post(
                client, base + "/v1/messages", SimTest.anthropicBody(SimTest.question("gen-author"), stream: false))
            let object = try #require(SimTest.object(whole.body))
            #expect(object["type"] as? String == "message")
            #expect(object["stop_reason"] as? String == "end_turn")
        }
    }

    @Test func badJSONIsA400InTheDialectsShape() async throws {
        try await SimTest.withServer { server, client in
            let base = try #require(server.baseURL)
            let openAI = try await SimTest.post(client, base + "/v1/chat/completions", "{not json")
            #expect(openAI.status == 400)
            #expect(SimTest.object(openAI.body)?["error"] is [String: Any])
            let anthropic = try await SimTest.post(client, base + "/v1/messages", "{\"messages\":[]}")
            #expect(anthropic.status == 400)
            #expect(SimTest.object(anthropic.body)?["type"] as? String == "error")
        }
    }
}
