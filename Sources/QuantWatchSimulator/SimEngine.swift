import Foundation
import QuantWatchDomain
import Synchronization

/// Decides what one simulated model answers and how: recognises canaries, applies its quantization profile and
/// the fault script at the current simulator time.
///
/// Content is a pure function of seed and prompt; latency and
/// fault draws follow a seeded sequence per request.
public final class SimEngine: Sendable {
    public let model: SimModel
    public let seed: UInt64
    /// Divides the model's own delays (TTFT, decode); injected latency and Retry-After stay in real time.
    public let speed: Double
    public let faults: FaultScript
    public let clock: SimClock
    private let canaries: CanaryIndex
    private let requestCounter = Atomic<UInt64>(0)
    /// The runtime's own books (running, waiting, counters), for `/metrics`.
    public let load: SimRuntimeLoad

    public init(
        model: SimModel, canaries: [Canary], seed: UInt64 = 42, speed: Double = 1, faults: FaultScript = FaultScript(),
        clock: SimClock = .continuous()
    ) {
        self.model = model
        self.seed = seed
        self.speed = speed > 0 ? speed : 1
        self.faults = faults
        self.clock = clock
        self.canaries = CanaryIndex(canaries)
        self.load = SimRuntimeLoad(slots: model.slots)
    }

    /// The `/metrics` text at the current simulator time, in the model's naming (nil: 501, metrics off).
    public func metricsExposition() -> String? {
        guard model.metrics != .off else { return nil }
        var extra = 0
        for case .queue(let depth, _) in faults.activeFaults(at: clock.elapsed(), model: model.id) { extra += depth }
        return SimMetricsExposition.text(model.metrics, load: load, extraWaiting: extra, modelName: model.modelName)
    }

    /// Plans the response to `request` at the current simulator time.
    public func plan(_ request: SimRequest) -> GenerationPlan {
        let elapsed = clock.elapsed()
        let active = faults.activeFaults(at: elapsed, model: model.id)
        let counter = requestCounter.add(1, ordering: .relaxed).newValue
        var rng = SplitMix64(mixing: seed, SplitMix64.hash(model.id), counter)

        let canary = canaries.match(request)
        let limit = max(1, request.maxTokens ?? canary?.maxTokens ?? 256)
        let answer = answerText(for: request, canary: canary, faults: active, limit: limit)
        var tokens = SimTokenizer.tokenize(answer.text)
        let truncated = tokens.count > limit
        if truncated { tokens = Array(tokens.prefix(limit)) }
        if tokens.isEmpty { tokens = ["."] }

        let promptKey =
            canary.map { SplitMix64.hash("canary:" + $0.id) }
            ?? SplitMix64.hash(AnswerNormalizer.normalize(request.promptText))
        var logprobs: [TokenLogprob] = []
        if request.topLogprobs > 0 {
            let topK = min(request.topLogprobs, TokenDistributionModel.alternativeCount + 1)
            logprobs = tokens.enumerated().map { position, token in
                TokenDistributionModel.logprob(
                    token: token, position: position, promptKey: promptKey, seed: seed, profile: model.profile,
                    topK: topK)
            }
        }

        var (firstDelay, delays) = latencies(tokenCount: tokens.count, rng: &rng)
        let outcome = decideOutcome(
            active, tokenCount: tokens.count, firstDelay: &firstDelay, delays: &delays,
            rng: &rng)
        var queueDelay = Duration.zero
        for case .queue(_, let wait) in active { queueDelay += wait }
        return GenerationPlan(
            tokens: tokens, logprobs: logprobs, promptTokens: max(1, SimTokenizer.tokenize(request.promptText).count),
            firstTokenDelay: firstDelay, tokenDelays: delays, truncated: truncated, outcome: outcome,
            canaryID: canary?.id, answeredRight: answer.right, queueDelay: queueDelay)
    }

    /// The right or wrong answer to a canary, or a generic one to an unknown prompt.
    private func answerText(
        for request: SimRequest, canary: Canary?, faults: [Fault], limit: Int
    ) -> (text: String, right: Bool?) {
        guard let canary else {
            return (AnswerSynthesizer.genericAnswer(prompt: request.promptText, seed: seed, maxTokens: limit), nil)
        }
        var probability = model.profile.accuracy(for: canary.category)
        for case .accuracyDrop(let category, let points) in faults where category == nil || category == canary.category
        {
            probability -= points / 100
        }
        // One draw per canary shared by every profile: a canary a coarse quant gets right, finer ones get right too.
        var draw = SplitMix64(mixing: seed, SplitMix64.hash("accuracy:" + canary.id))
        if draw.nextUnit() < probability {
            return (AnswerSynthesizer.rightAnswer(for: canary.scorer), true)
        }
        let salt = SplitMix64.mix(seed ^ SplitMix64.hash("wrong:" + canary.id))
        return (AnswerSynthesizer.wrongAnswer(for: canary.scorer, salt: salt), false)
    }

    /// Log-normal TTFT around the profile's median, per-token decode time from its tok/s, scaled by `speed`.
    private func latencies(tokenCount: Int, rng: inout SplitMix64) -> (Duration, [Duration]) {
        let profile = model.profile
        let ttftMs = profile.ttftMedianMilliseconds * exp(profile.ttftSigma * rng.nextGaussian()) / speed
        let perTokenMs = 1000 / max(profile.tokensPerSecond, 0.001) / speed
        var delays: [Duration] = []
        delays.reserveCapacity(max(0, tokenCount - 1))
        for _ in 1..<max(1, tokenCount) {
            delays.append(.microseconds(Int64(perTokenMs * exp(profile.tokenJitterSigma * rng.nextGaussian()) * 1000)))
        }
        return (.microseconds(Int64(ttftMs * 1000)), delays)
    }

    /// Rolls each active fault's share in script order; the most severe outcome wins.
    private func decideOutcome(
        _ faults: [Fault], tokenCount: Int, firstDelay: inout Duration, delays: inout [Duration],
        rng: inout SplitMix64
    ) -> GenerationPlan.Outcome {
        var refuse = false
        var rateLimit: Duration?
        var error: Int??
        var reset: Int?
        var stall: Int?
        var malformed = false
        for fault in faults {
            switch fault {
            case .refuse:
                refuse = true
            case .rateLimit(let share, let retryAfter):
                if rng.nextUnit() < share { rateLimit = rateLimit ?? retryAfter }
            case .errors(let share, let status):
                if rng.nextUnit() < share, error == nil { error = .some(status) }
            case .reset(let share, let after):
                if rng.nextUnit() < share { reset = reset ?? after }
            case .stall(let share, let after):
                if rng.nextUnit() < share { stall = stall ?? after }
            case .malformed(let share):
                if rng.nextUnit() < share { malformed = true }
            case .latency(let add, let multiply, let share):
                if rng.nextUnit() < share {
                    firstDelay = firstDelay * multiply + add
                    delays = delays.map { $0 * multiply }
                }
            case .queue:
                break
            case .accuracyDrop:
                break
            }
        }
        if refuse { return .refuse }
        if let rateLimit { return .rateLimited(retryAfter: rateLimit) }
        if let error { return .httpError(status: error ?? 0) }
        if let reset { return .reset(afterTokens: min(reset, tokenCount)) }
        if let stall { return .stall(afterTokens: min(stall, tokenCount)) }
        if malformed { return .malformed(afterTokens: min(1, tokenCount)) }
        return .complete
    }
}
