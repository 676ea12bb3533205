import QuantWatchDomain

/// Collects a streamed generation as it arrives and applies DESIGN.md's timing rules.
struct GenerationAccumulator {
    private(set) var text = ""
    private(set) var firstContent: ContinuousClock.Instant?
    private(set) var lastContent: ContinuousClock.Instant?
    private(set) var contentChunks = 0
    /// Output tokens from the server's usage block; cumulative counts overwrite, never add.
    var usageOutputTokens: Int?
    var inputTokens: Int?
    var logprobs: [TokenLogprob] = []
    var serverTimings: ServerTimings?
    /// OpenAI `system_fingerprint` and the `model` the response names, when given.
    var systemFingerprint: String?
    var servedModel: String?
    /// The dialect's end marker was seen ([DONE], `stop`, `done`, `message_stop`).
    var finished = false
    /// Whether any message was decoded at all (an empty 200 body is a protocol error).
    var sawMessage = false

    /// Generated answer text: it starts TTFT, moves E2E, counts as a chunk and joins the answer.
    mutating func content(_ piece: String, at instant: ContinuousClock.Instant) {
        guard !piece.isEmpty else { return }
        text += piece
        mark(instant)
    }

    /// Generated text that is not the answer (reasoning): it is output, so it counts for timings only.
    mutating func reasoning(_ piece: String, at instant: ContinuousClock.Instant) {
        guard !piece.isEmpty else { return }
        mark(instant)
    }

    private mutating func mark(_ instant: ContinuousClock.Instant) {
        if firstContent == nil { firstContent = instant }
        lastContent = instant
        contentChunks += 1
    }

    /// The finished generation, timed from `t0`; fails when the stream carried no content or did not end.
    func generation(t0: ContinuousClock.Instant, head: ContinuousClock.Instant, retries: Int)
        throws(AttemptFailure) -> Generation
    {
        guard sawMessage else { throw .malformed("empty stream: no events in a 200 response") }
        guard finished else { throw .malformed("stream ended before its end marker") }
        guard let first = firstContent, let last = lastContent else {
            throw .malformed("stream finished without any generated content")
        }
        return Generation(
            text: text, ttfb: t0.duration(to: head), ttft: t0.duration(to: first), e2e: t0.duration(to: last),
            outputTokens: usageOutputTokens.flatMap { $0 > 0 ? $0 : nil } ?? contentChunks, inputTokens: inputTokens,
            logprobs: logprobs, serverTimings: serverTimings, retries: retries, systemFingerprint: systemFingerprint,
            servedModel: servedModel)
    }
}
