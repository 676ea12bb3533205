import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import QuantWatchDomain

/// Scores reference texts through an OpenAI-compatible `/v1/completions` endpoint.
///
/// vLLM's `prompt_logprobs` first, then legacy `echo` + `logprobs`. Each text's first token has no
/// log-probability (nothing precedes it).
public enum ServingPerplexityScorer {
    /// Why a text could not be scored by one method.
    struct Refusal: Error {
        var reason: String
    }

    public static func measure(
        _ target: TargetConfig, texts: [ReferenceText], httpClient: HTTPClient, environment: [String: String]
    ) async -> PerplexityMeasurement {
        var reasons: [String] = []
        for method in [PerplexityMethod.promptLogprobs, .echo] {
            var logprobs: [Double] = []
            do {
                for text in texts {
                    logprobs += try await score(text.text, method: method, target, httpClient, environment)
                }
            } catch let refusal as Refusal {
                reasons.append("\(method.rawValue): \(refusal.reason)")
                continue
            } catch {
                reasons.append("\(method.rawValue): \(error)")
                continue
            }
            guard let value = PerplexityMeasurement.perplexity(logprobs: logprobs) else {
                reasons.append("\(method.rawValue): no token scored")
                continue
            }
            return PerplexityMeasurement(perplexity: value, method: method, tokens: logprobs.count)
        }
        return .unavailable("n/a: the server scored no prompt tokens (\(reasons.joined(separator: "; ")))")
    }

    public static func score(
        _ text: String, method: PerplexityMethod, _ target: TargetConfig, _ client: HTTPClient,
        _ environment: [String: String]
    ) async throws -> [Double] {
        var body: [String: Any] = ["prompt": text, "max_tokens": 1, "temperature": 0, "stream": false]
        if !target.model.isEmpty { body["model"] = target.model }
        switch method {
        case .promptLogprobs: body["prompt_logprobs"] = 0
        default:
            body["echo"] = true
            body["logprobs"] = 1
        }
        var request = HTTPClientRequest(
            url: EndpointURL.make(base: target.url, path: "/v1/completions", dropVersionSuffix: true))
        request.method = .POST
        request.headers = BackendHeaders.make(accept: "application/json", extra: target.headers)
        if let name = target.apiKeyEnv, let key = environment[name], !key.isEmpty {
            request.headers.replaceOrAdd(name: "authorization", value: "Bearer \(key)")
        }
        request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        let response = try await client.execute(
            request, timeout: .seconds(max(5, target.timeouts.total.components.seconds)))
        let collected = try await response.body.collect(upTo: 64 << 20)
        guard response.status == .ok else { throw Refusal(reason: "HTTP \(response.status.code)") }
        guard let object = try? JSONSerialization.jsonObject(with: Data(collected.readableBytesView)) as? [String: Any],
            let choice = (object["choices"] as? [[String: Any]])?.first
        else { throw Refusal(reason: "the response has no choices") }
        switch method {
        case .promptLogprobs: return try promptLogprobs(choice)
        default: return try echoLogprobs(choice, promptCharacters: text.count)
        }
    }

    /// vLLM: `prompt_logprobs` is a list (null first) of `{token_id: {logprob, rank, decoded_token}}`; with
    /// `prompt_logprobs: 0` each entry holds the prompt token only, else `prompt_token_ids` tells which it is.
    static func promptLogprobs(_ choice: [String: Any]) throws -> [Double] {
        guard let entries = choice["prompt_logprobs"] as? [Any] else {
            throw Refusal(reason: "the response has no prompt_logprobs")
        }
        let ids = (choice["prompt_token_ids"] as? [Any])?.map { id in
            (id as? NSNumber).map { String($0.intValue) } ?? "\(id)"
        }
        var logprobs: [Double] = []
        for (index, entry) in entries.enumerated() {
            guard let candidates = entry as? [String: Any] else { continue }
            let chosen: Any?
            if let ids, index < ids.count {
                chosen = candidates[ids[index]]
            } else if candidates.count == 1 {
                chosen = candidates.first?.value
            } else {
                throw Refusal(reason: "prompt_logprobs entry \(index) has several tokens and no prompt_token_ids")
            }
            guard let value = ((chosen as? [String: Any])?["logprob"] as? NSNumber)?.doubleValue else {
                throw Refusal(reason: "prompt_logprobs entry \(index) lacks the prompt token's logprob")
            }
            logprobs.append(value)
        }
        return logprobs
    }

    /// Legacy completions: `logprobs.token_logprobs` (null first) over the echoed prompt and then the generated
    /// token; `text_offset` tells them apart (offsets past the prompt are generated), else the last is dropped.
    static func echoLogprobs(_ choice: [String: Any], promptCharacters: Int) throws -> [Double] {
        guard let logprobs = choice["logprobs"] as? [String: Any], let values = logprobs["token_logprobs"] as? [Any],
            values.count > 1
        else { throw Refusal(reason: "the response has no echoed token_logprobs") }
        let offsets = (logprobs["text_offset"] as? [Any])?.compactMap { ($0 as? NSNumber)?.intValue }
        var scored: [Double] = []
        for (index, value) in values.enumerated() {
            if let offsets, index < offsets.count {
                if offsets[index] >= promptCharacters { break }
            } else if offsets == nil, index == values.count - 1 {
                break
            }
            if let number = value as? NSNumber { scored.append(number.doubleValue) }
        }
        return scored
    }
}
