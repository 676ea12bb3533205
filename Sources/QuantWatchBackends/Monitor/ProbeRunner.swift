import Foundation
import QuantWatchDomain

/// Runs one canary on one backend and scores the answer.
struct ProbeRunner: Sendable {
    let target: TargetConfig
    let backend: any Backend

    func run(_ canary: Canary, now: @Sendable () -> Date) async -> ProbeResult {
        let startedAt = now()
        let request = ProbeRequest(canary: canary, seed: target.seed, topLogprobs: target.topLogprobs)
        let outcome = await backend.generate(request)
        let correct: Bool? =
            switch outcome {
            case .success(let generation): canary.scorer.accepts(generation.text)
            case .failure: nil
            }
        return ProbeResult(
            targetID: target.id, canaryID: canary.id, category: canary.category, startedAt: startedAt,
            outcome: outcome, correct: correct)
    }
}
