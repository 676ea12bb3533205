import QuantWatchDomain

/// Decodes llama.cpp's native `/completion` stream, including both shapes of `completion_probabilities`.
struct LlamaCppStreamDecoder: StreamDecoder {
    struct Chunk: Decodable {
        var content: String?
        var stop: Bool?
        var tokensPredicted: Int?
        var tokensEvaluated: Int?
        var timings: LlamaCppTimings?
        var completionProbabilities: [Probability]?
        var error: StreamErrorPayload?
    }

    /// One generated token: newer servers send `{token, logprob, top_logprobs}` (or `prob`, `top_probs` with
    /// `post_sampling_probs`), older ones `{content, probs: [{tok_str, prob}]}`.
    struct Probability: Decodable {
        var token: String?
        var content: String?
        var logprob: Double?
        var prob: Double?
        var topLogprobs: [Alternative]?
        var topProbs: [Alternative]?
        var probs: [Alternative]?
    }

    struct Alternative: Decodable {
        var token: String?
        var tokStr: String?
        var logprob: Double?
        var prob: Double?

        var text: String { token ?? tokStr ?? "" }
        var logValue: Double { logprob.map { LogprobFloor.clamp($0) } ?? LogprobFloor.fromProbability(prob) }
    }

    let framing = StreamFraming.sse
    private let json = JSONPayload()

    mutating func decode(
        event: String?, payload: UnsafeRawBufferPointer, at instant: ContinuousClock.Instant,
        into accumulator: inout GenerationAccumulator
    ) throws(AttemptFailure) {
        // Newer servers may close with an OpenAI-style marker; the `stop` flag already ended the stream.
        if payload.elementsEqual("[DONE]".utf8) { return }
        let chunk = try json.decode(Chunk.self, payload, dialect: "llama.cpp")
        if let error = chunk.error { throw error.failure }
        if let content = chunk.content { accumulator.content(content, at: instant) }
        for probability in chunk.completionProbabilities ?? [] {
            accumulator.logprobs.append(Self.tokenLogprob(probability))
        }
        if let predicted = chunk.tokensPredicted, chunk.stop == true { accumulator.usageOutputTokens = predicted }
        if let evaluated = chunk.tokensEvaluated, chunk.stop == true { accumulator.inputTokens = evaluated }
        if let timings = chunk.timings {
            accumulator.serverTimings = timings.serverTimings
            if accumulator.usageOutputTokens == nil, chunk.stop == true, let n = timings.predictedN {
                accumulator.usageOutputTokens = n
            }
        }
        if chunk.stop == true { accumulator.finished = true }
    }

    static func tokenLogprob(_ probability: Probability) -> TokenLogprob {
        let alternatives = probability.topLogprobs ?? probability.topProbs ?? probability.probs ?? []
        let top = LogprobFloor.sorted(alternatives.map { ($0.text, $0.logValue) })
        let token = probability.token ?? probability.content ?? ""
        let logprob: Double
        if probability.logprob != nil || probability.prob != nil {
            logprob =
                probability.logprob.map { LogprobFloor.clamp($0) } ?? LogprobFloor.fromProbability(probability.prob)
        } else if let match = top.first(where: { $0.token == token }) {
            // Older servers give the chosen token's probability only inside `probs`.
            logprob = match.logprob
        } else {
            // Not among the alternatives: its log-probability is at most the least likely one's.
            logprob = top.last?.logprob ?? LogprobFloor.floor
        }
        return TokenLogprob(token: token, logprob: logprob, top: top)
    }
}
