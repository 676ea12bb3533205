import Foundation
import QuantWatchDomain

/// The simulator's `/v1/completions`: scores the prompt's own tokens the way vLLM (`prompt_logprobs`) and
/// OpenAI-style legacy completions (`echo` + `logprobs`) do, with the model's quantization drift, then
/// generates one token.
///
/// A token's reference distribution depends only on the seed, the previous token and the position, so every
/// profile scores the same text against the same reference; the profile's noise is what moves the figure.
enum SimPromptScoring {
    struct Request {
        var prompt: String
        var promptLogprobs: Int?
        var echo: Bool
        var logprobs: Int?
    }

    static func parse(_ body: Data) throws -> Request {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw SimRequestError(message: "request body must be a JSON object")
        }
        let prompt: String
        if let text = object["prompt"] as? String {
            prompt = text
        } else if let list = object["prompt"] as? [Any], list.count == 1, let text = list.first as? String {
            prompt = text
        } else {
            throw SimRequestError(message: "\"prompt\" must be a string")
        }
        guard !prompt.isEmpty else { throw SimRequestError(message: "\"prompt\" is empty") }
        return Request(
            prompt: prompt, promptLogprobs: (object["prompt_logprobs"] as? NSNumber)?.intValue,
            echo: object["echo"] as? Bool ?? false, logprobs: (object["logprobs"] as? NSNumber)?.intValue)
    }

    /// The response body (JSON text) for `request` on `engine`'s model.
    static func respond(_ request: Request, engine: SimEngine) -> String {
        let profile = engine.model.profile
        let tokens = SimTokenizer.tokenize(request.prompt)
        let scored = tokens.enumerated().map { position, token -> [TokenLogprob.Alternative]? in
            guard position > 0 else { return nil }
            return TokenDistributionModel.distribution(
                token: token, position: position, promptKey: SplitMix64.hash("ppl:" + tokens[position - 1]),
                seed: engine.seed, profile: profile, greedy: false)
        }
        func logprob(_ position: Int) -> Double? {
            scored[position]?.first { $0.token == tokens[position] }?.logprob
        }
        let generated = " the"
        var choice: [String: Any] = [
            "index": 0, "text": request.echo ? request.prompt + generated : generated, "finish_reason": "length",
        ]
        if let top = request.promptLogprobs {
            choice["prompt_token_ids"] = tokens.map(tokenID)
            choice["prompt_logprobs"] = tokens.indices.map { position -> Any in
                guard let candidates = scored[position] else { return NSNull() }
                var entry: [String: Any] = [:]
                for (rank, candidate) in candidates.enumerated()
                where rank < top || candidate.token == tokens[position] {
                    entry[String(tokenID(candidate.token))] =
                        [
                            "logprob": candidate.logprob, "rank": rank + 1, "decoded_token": candidate.token,
                        ] as [String: Any]
                }
                return entry
            }
        }
        if let top = request.logprobs {
            var shown = request.echo ? tokens : []
            var values: [Any] =
                request.echo
                ? tokens.indices.map { position -> Any in
                    if let value = logprob(position) { return value }
                    return NSNull()
                } : []
            var tops: [Any] =
                request.echo
                ? tokens.indices.map { position -> Any in
                    guard let candidates = scored[position] else { return NSNull() }
                    return Dictionary(
                        candidates.prefix(max(1, top)).map { ($0.token, $0.logprob) }, uniquingKeysWith: { a, _ in a })
                } : []
            var offsets: [Int] = []
            var offset = 0
            for token in shown {
                offsets.append(offset)
                offset += token.count
            }
            shown.append(generated)
            values.append(-0.05)
            tops.append([generated: -0.05])
            offsets.append(request.echo ? request.prompt.count : 0)
            choice["logprobs"] =
                [
                    "tokens": shown, "token_logprobs": values, "top_logprobs": tops, "text_offset": offsets,
                ] as [String: Any]
        } else {
            choice["logprobs"] = NSNull()
        }
        let body: [String: Any] = [
            "id": "cmpl-sim", "object": "text_completion", "created": 1_763_856_000,
            "model": engine.model.modelName, "choices": [choice],
            "usage": ["prompt_tokens": tokens.count, "completion_tokens": 1, "total_tokens": tokens.count + 1],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// A stable small id per token text, as a tokenizer's vocabulary index would be.
    static func tokenID(_ token: String) -> Int {
        Int(SplitMix64.hash(token) % 2_000_000_000)
    }
}
