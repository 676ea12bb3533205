/// The figures of one ProbeResult that the rolling windows keep, converted once to integers.
struct ProbeSample: Sendable, Equatable {
    /// Microseconds; nil for failures (errors never enter latency histograms).
    var e2e: UInt32?
    var ttft: UInt32?
    /// Microseconds per output token after the first; nil below two tokens.
    var tpot: UInt32?
    /// Decode speed in hundredths of a token per second; nil when undefined.
    var decodeCentiTokensPerSecond: UInt32?
    var outputTokens: Int
    var retries: Int
    var errorClass: ErrorClass?
    /// Whether the answer was right; nil when it was not scored (or the probe failed).
    var correct: Bool?

    init(_ result: ProbeResult) {
        retries = result.retries
        correct = result.failure == nil ? result.correct : nil
        switch result.outcome {
        case .success(let generation):
            e2e = generation.e2e.clampedMicroseconds
            ttft = generation.ttft.clampedMicroseconds
            tpot = generation.tpot?.clampedMicroseconds
            decodeCentiTokensPerSecond = generation.decodeTokensPerSecond.map { speed in
                UInt32(Swift.min(Swift.max((speed * 100).rounded(), 0), Double(HistogramLayout.maximumValue)))
            }
            outputTokens = generation.outputTokens
            errorClass = nil
        case .failure(let failure):
            e2e = nil
            ttft = nil
            tpot = nil
            decodeCentiTokensPerSecond = nil
            outputTokens = 0
            errorClass = failure.errorClass
        }
    }
}
