import Foundation
import QuantWatchDomain

/// Builds the top-k distribution a simulated model reports for each generated token.
///
/// The FP16 reference distribution depends only on the seed, the prompt, the position and the token, so every
/// profile sees the same reference. A quantized profile adds Gaussian noise to the reference logits, scaled per
/// position so the expected KL divergence from the reference is the profile's `targetKLD`
/// (KL ~ sigma^2 / 2 * (1 - sum p^2) for small noise). The generated token stays the most likely one, as greedy
/// decoding requires.
public enum TokenDistributionModel {
    /// Candidates kept internally besides the generated token; requests may ask for up to this many + 1.
    public static let alternativeCount = 19

    /// The generated `token` with its log-probability and the `topK` most likely candidates.
    public static func logprob(
        token: String, position: Int, promptKey: UInt64, seed: UInt64, profile: QuantProfile, topK: Int
    ) -> TokenLogprob {
        let candidates = distribution(
            token: token, position: position, promptKey: promptKey, seed: seed,
            profile: profile)
        let chosen = candidates.first { $0.token == token }?.logprob ?? 0
        let top = candidates.prefix(max(0, topK)).map { TokenLogprob.Alternative(token: $0.token, logprob: $0.logprob) }
        return TokenLogprob(token: token, logprob: chosen, top: Array(top))
    }

    /// All candidates (generated token and alternatives), most likely first; the remaining mass (an implicit
    /// tail of the vocabulary) is left out, so the probabilities sum to less than one.
    public static func distribution(
        token: String, position: Int, promptKey: UInt64, seed: UInt64, profile: QuantProfile
    ) -> [TokenLogprob.Alternative] {
        let tokenHash = SplitMix64.hash(token)
        var reference = SplitMix64(mixing: seed, promptKey, UInt64(position), tokenHash, 0x7265_6600)
        // Reference: the generated token takes 55-98% of the mass, the rest decays geometrically over the
        // alternatives, and 15% of what is left stays in the tail.
        let topProbability = 0.55 + 0.43 * reference.nextUnit()
        let decay = 0.45 + 0.35 * reference.nextUnit()
        let rest = 1 - topProbability
        var weights = (0..<alternativeCount).map { pow(decay, Double($0)) }
        let weightSum = weights.reduce(0, +)
        weights = weights.map { $0 / weightSum * rest * 0.85 }
        let tail = rest * 0.15
        var logits = [log(topProbability)] + weights.map { log($0) } + [log(tail)]
        let names = [token] + alternatives(excluding: token, rng: &reference)

        if profile.targetKLD > 0 {
            let probabilities = logits.map { exp($0) }
            let concentration = probabilities.reduce(0) { $0 + $1 * $1 }
            let sigma = (2 * profile.targetKLD / max(1 - concentration, 0.05)).squareRoot()
            var noise = SplitMix64(mixing: seed, promptKey, UInt64(position), tokenHash, SplitMix64.hash(profile.name))
            logits = logits.map { $0 + sigma * noise.nextGaussian() }
            // Keep the generated token on top among real tokens: greedy decoding emitted it.
            let tokenLogits = logits.dropLast()
            if let best = tokenLogits.indices.max(by: { tokenLogits[$0] < tokenLogits[$1] }), best != 0 {
                logits.swapAt(0, best)
            }
        }
        let maxLogit = logits.max() ?? 0
        let logSum = maxLogit + log(logits.reduce(0) { $0 + exp($1 - maxLogit) })
        var result: [TokenLogprob.Alternative] = []
        for index in 0..<names.count {
            result.append(.init(token: names[index], logprob: logits[index] - logSum))
        }
        return result.sorted { $0.logprob > $1.logprob }
    }

    private static func alternatives(excluding token: String, rng: inout SplitMix64) -> [String] {
        var pool = vocabulary.filter { $0 != token }
        var picked: [String] = []
        while picked.count < alternativeCount, !pool.isEmpty {
            picked.append(pool.remove(at: Int(rng.next() % UInt64(pool.count))))
        }
        return picked
    }

    private static let vocabulary = [
        " the", " a", " is", " of", " to", " and", " in", " it", " that", " answer", " The", " A", ".", ",", ":",
        "\n", " 1", " 2", " 3", " 4", " 5", " 0", " yes", " no", " not", " be", " as", " for", " on", " with",
        " this", " we", " x", " =", " (", ")", " B", " C", " D", " can", " so", " if", " are", " one", " two",
        " true", " false", " value", " number", " result",
    ]
}
